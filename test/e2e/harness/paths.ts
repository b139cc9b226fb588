import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (test/e2e/harness → ../../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where install-n8n.sh keeps the n8n installs: outside the clone, shared between clones. */
export const N8N_CACHE = process.env.N8N_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-cloudreve');

/** Scratch space for packs and n8n user folders (git-ignored). */
export const E2E_TMP = path.join(REPO_ROOT, 'test', '.tmp', 'e2e');

export const INSTALL_SCRIPT = path.join(REPO_ROOT, 'test', 'e2e', 'install-n8n.sh');
