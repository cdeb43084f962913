// Every rule of rules/rfp-requirements.yaml against its fail and pass fixtures (fixtures/rfp-requirements.cases.yaml).
import { definePackSuite } from './suite.js';

definePackSuite('rfp-requirements');
