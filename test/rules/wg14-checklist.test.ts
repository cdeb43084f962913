// Every rule of rules/wg14-checklist.yaml against its fail and pass fixtures (fixtures/wg14-checklist.cases.yaml).
import { definePackSuite } from './suite.js';

definePackSuite('wg14-checklist');
