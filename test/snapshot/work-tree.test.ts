// Element ids: splitting ids that contain dotted slice names, and deriving ids for id-less (old) elements.
import { describe, expect, it } from 'vitest';
import { buildPristineTree, elementIds, idSegments, serializeTree, cloneFrom } from '../../src/snapshot/work-tree.js';

describe('idSegments', () => {
  it.each([
    ['Patient.identifier:nhs.system', 'Patient.identifier.system', [{ name: 'Patient' }, { name: 'identifier', slice: 'nhs' }, { name: 'system' }]],
    ['Patient.extension:a.b.value[x]', 'Patient.extension.value[x]', [{ name: 'Patient' }, { name: 'extension', slice: 'a.b' }, { name: 'value[x]' }]],
    ['Observation.component:a/b.code', 'Observation.component.code', [{ name: 'Observation' }, { name: 'component', slice: 'a/b' }, { name: 'code' }]],
    ['Observation.valueQuantity.unit', 'Observation.valueQuantity.unit', [{ name: 'Observation' }, { name: 'valueQuantity' }, { name: 'unit' }]],
  ])('%s', (id, path, expected) => {
    expect(idSegments(id, path)).toEqual(expected);
  });
});

describe('elementIds', () => {
  it('derives ids from paths and the slice last opened on each ancestor path', () => {
    const ids = elementIds([
      { path: 'Patient' },
      { path: 'Patient.extension', sliceName: 'a' },
      { path: 'Patient.extension.extension', sliceName: 'b' },
      { path: 'Patient.extension.extension.valueString.extension', sliceName: 'c' },
      { path: 'Patient.extension', sliceName: 'd' },
      { path: 'Patient.extension.url' },
      { id: 'Patient.name', path: 'Patient.name' },
      { id: 'Patient.x:wrong', path: 'Patient.contact.name' },
    ]);
    expect(ids).toEqual([
      'Patient',
      'Patient.extension:a',
      'Patient.extension:a.extension:b',
      'Patient.extension:a.extension:b.valueString.extension:c',
      'Patient.extension:d',
      'Patient.extension:d.url',
      'Patient.name',
      'Patient.contact.name',
    ]);
  });
});

describe('tree round trip', () => {
  it('writes an element, its children, then its slices with their children, recomputing ids and paths', () => {
    const elements = [
      { id: 'Patient', path: 'Patient' },
      { id: 'Patient.identifier', path: 'Patient.identifier' },
      { id: 'Patient.identifier:b', path: 'Patient.identifier', sliceName: 'b' },
      { id: 'Patient.identifier:b.system', path: 'Patient.identifier.system' },
      { id: 'Patient.identifier.system', path: 'Patient.identifier.system' },
      { id: 'Patient.identifier:b/c', path: 'Patient.identifier', sliceName: 'b/c' },
      { id: 'Patient.name', path: 'Patient.name' },
    ];
    const tree = buildPristineTree(elements);
    expect(serializeTree(cloneFrom(tree.root, true)).map((e) => e.id)).toEqual([
      'Patient', 'Patient.identifier', 'Patient.identifier.system', 'Patient.identifier:b', 'Patient.identifier:b.system',
      'Patient.identifier:b/c', 'Patient.name',
    ]);
    expect(tree.orphans).toEqual([]);
  });
});
