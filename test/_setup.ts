// Runs before each test file (jest.config.js `setupFilesAfterEnv`): what an app repo's setup file does.
import { matchers, yamlSerializer } from '../lib/testing';
import { removeTemporaryFolders } from './_helpers';

expect.extend(matchers);
expect.addSnapshotSerializer(yamlSerializer);

// The temporary output folders of the file's tests do not pile up in the system's temporary folder.
afterAll(removeTemporaryFolders);
