// Every rule of rules/nsa-mnp.yaml against its fail and pass fixtures (fixtures/nsa-mnp.cases.yaml).
import { definePackSuite } from './suite.js';

definePackSuite('nsa-mnp');
