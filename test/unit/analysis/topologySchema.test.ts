// The topology schema is a valid JSON Schema (draft-07, ajv's default meta-schema). The analysis compiles it
// without checking that (validateSchema: false, to keep 120 ms off the first topology), so the check is here.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import topologySchema from '../../../schemas/topology.schema.json';

describe('schemas/topology.schema.json', () => {
  it('validates against its meta-schema', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(topologySchema), JSON.stringify(ajv.errors)).toBe(true);
  });
});
