// The topology schema is a valid JSON Schema (draft-07, ajv's default meta-schema), and the validator the
// analysis uses is that schema compiled ahead of time (scripts/gen-topology-validator.mjs): nothing
// compiles or checks the schema at run time any more, so both checks are here.
import * as fs from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import topologySchema from '../../../schemas/topology.schema.json';
import { topologyValidatorSource, VALIDATOR_FILE } from '../../../scripts/gen-topology-validator.mjs';

describe('schemas/topology.schema.json', () => {
  it('validates against its meta-schema', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(topologySchema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('is what the generated validator was compiled from (else: npm run gen:validator)', () => {
    expect(fs.readFileSync(VALIDATOR_FILE, 'utf8') === topologyValidatorSource()).toBe(true);
  });
});
