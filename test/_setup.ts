// Runs before each test file (jest.config.js `setupFilesAfterEnv`): what an app repo's setup file does.
import { matchers, yamlSerializer } from '../lib/testing';

expect.extend(matchers);
expect.addSnapshotSerializer(yamlSerializer);
