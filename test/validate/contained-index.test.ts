// containedById: one lookup table per container for '#id' references (ref-1, reference resolution, resolve()).
import { describe, expect, it } from 'vitest';
import { containedById } from '../../src/validate/contained-index.js';

describe('containedById', () => {
  it('finds contained resources by id, the first of a repeated id, and skips what is not a resource with a string id', () => {
    const a1 = { resourceType: 'Organization', id: 'a' };
    const a2 = { resourceType: 'Location', id: 'a' };
    const b = { resourceType: 'Practitioner', id: 'b' };
    const byId = containedById({ resourceType: 'Patient', contained: [a1, null, 'x', { resourceType: 'Group', id: 7 }, a2, b] });
    expect([...byId.keys()]).toEqual(['a', 'b']);
    expect(byId.get('a')).toBe(a1);
    expect(byId.get('7')).toBeUndefined();
  });

  it('is empty without a contained list, and built once per list', () => {
    expect(containedById(undefined).size).toBe(0);
    expect(containedById({ resourceType: 'Patient' }).size).toBe(0);
    const container = { resourceType: 'Patient', contained: [{ resourceType: 'Organization', id: 'o' }] };
    expect(containedById(container)).toBe(containedById(container));
  });
});
