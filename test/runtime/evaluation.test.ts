import { ensureBackend } from '../../src/runtime/backend.js';
import { describeGoldens } from './goldens.js';

beforeAll(() => ensureBackend());

describeGoldens('evaluation');
