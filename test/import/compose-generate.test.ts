import * as fs from 'fs';
import * as path from 'path';
import { translateCompose } from '../../lib/import/compose';
import { generateModule } from '../../lib/import/generate-module';
import { tmpdir } from '../_helpers';
import { typeErrors } from './_round-trip';

const SHOP = path.join(__dirname, '..', 'fixtures', 'compose', 'shop');

describe('a Compose file through the generator', () => {
  test('GIVEN a four-service Compose file (web, API, worker, PostgreSQL with a named volume and an env_file) WHEN its objects are generated THEN the module uses the constructs and type-checks', () => {
    // GIVEN the shop's Compose file, read with the files beside it
    const file = path.join(SHOP, 'compose.yaml');
    const compose = translateCompose(fs.readFileSync(file, 'utf8'), 'compose.yaml', {
      namespace: 'shop',
      readFile: (relative) => fs.readFileSync(path.join(SHOP, relative), 'utf8'),
    });
    // WHEN the generator writes its module
    const result = generateModule(compose.objects, { namespace: 'shop', connections: compose.connections });
    const module_ = path.join(tmpdir(), 'imported.ts');
    fs.writeFileSync(module_, result.source);
    // THEN the services are constructs of the library, and the module type-checks against it
    expect(result.source).toContain("new WebService(this, 'web'");
    expect(result.source).toContain("new WebService(this, 'api'");
    expect(result.source).toContain("new Worker(this, 'worker'");
    expect(result.source).toContain("new Config(this, 'api-env'");
    expect(typeErrors([module_])).toEqual([]);
  }, 120_000);
});
