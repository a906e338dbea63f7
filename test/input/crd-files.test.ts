import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCrdFiles, readCrds } from '../../lib/input/crd-files';

const CRDS = path.join(__dirname, '..', 'fixtures', 'crds');

describe('readCrds', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crd-files-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  test('GIVEN a CRD file WHEN read THEN its CustomResourceDefinition is given', () => {
    // GIVEN
    const file = path.join(CRDS, 'bitnami.com_sealedsecrets.yaml');
    // WHEN
    const crds = readCrdFiles([file]);
    // THEN
    expect(crds.map((c) => (c.metadata as any).name)).toEqual(['sealedsecrets.bitnami.com']);
  });

  test('GIVEN a folder of CRD files WHEN read THEN every CRD is given, in file name order', () => {
    // WHEN
    const crds = readCrdFiles([CRDS]);
    // THEN
    expect(crds.map((c) => (c.spec as any).names.kind)).toEqual(['Application', 'ApplicationSet', 'SealedSecret', 'ExternalSecret', 'HTTPRoute',
      'Kustomization', 'ServiceMonitor', 'GitRepository']);
  });

  test('GIVEN a relative path WHEN read THEN it is resolved from the working folder given', () => {
    // WHEN
    const crds = readCrdFiles(['bitnami.com_sealedsecrets.yaml'], { cwd: CRDS });
    // THEN
    expect(crds).toHaveLength(1);
  });

  test('GIVEN a path that does not exist WHEN read THEN the problem names it', () => {
    // WHEN
    const read = readCrds(['missing.yaml'], { cwd: dir });
    // THEN
    expect(read.problems).toEqual([{ index: 0, message: expect.stringMatching(/^missing\.yaml: .*ENOENT/) }]);
  });

  test('GIVEN a document that is not a CRD WHEN read THEN it is refused, naming the file and line', () => {
    // GIVEN
    fs.writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    // WHEN / THEN
    expect(() => readCrdFiles(['cm.yaml'], { cwd: dir })).toThrow(
      'cm.yaml:1: received "v1" "ConfigMap" named "a"; allowed: a CustomResourceDefinition (apiextensions.k8s.io/v1) only');
  });

  test('GIVEN an empty folder WHEN read THEN it is a problem', () => {
    // WHEN
    const read = readCrds(['.'], { cwd: dir });
    // THEN
    expect(read.problems).toEqual([{ index: 0, message: '.: no .yaml, .yml or .json file in the folder' }]);
  });
});
