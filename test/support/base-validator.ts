// One base-R4 package set per test worker: loading the definitions index takes about a second.
import { loadPackages, type PackageSet } from '../../src/packages/load-packages.js';

let base: PackageSet | undefined;

export function basePackageSet(): PackageSet {
  base ??= loadPackages([]);
  return base;
}
