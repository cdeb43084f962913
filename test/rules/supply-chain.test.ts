// Every rule of rules/supply-chain.yaml against its fail and pass fixtures (fixtures/supply-chain.cases.yaml).
import { definePackSuite } from './suite.js';

definePackSuite('supply-chain');
