import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens.js';

beforeAll(() => ensureBackend());

describe('dynamic ops match TensorFlow', () => goldenTests('dynamic'));
