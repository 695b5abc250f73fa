// `npm run docs:rules`: rewrites the rule table in README.md from the rule registry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/analysis/rules';
import { withRulesTable } from './rulesTable';

const file = path.join(process.cwd(), 'README.md');
const before = fs.readFileSync(file, 'utf8');
const after = withRulesTable(before, RULES);
if (after !== before) fs.writeFileSync(file, after);
console.log(after === before ? 'README.md: the rules table is up to date' : 'README.md: rules table rewritten');
