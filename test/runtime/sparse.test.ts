import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens.js';

beforeAll(() => ensureBackend());

describe('sparse ops match TensorFlow', () => goldenTests('sparse'));
