import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (test/e2e/harness → ../../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where install-n8n.sh keeps the n8n installs: outside the clone, shared between clones. */
export const N8N_CACHE = process.env.N8N_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-cloudreve');

/** Scratch space for packs (git-ignored). */
export const E2E_TMP = path.join(REPO_ROOT, 'test', '.tmp', 'e2e');

/**
 * Where n8n user folders go: outside the repository on purpose. Node resolves `require('n8n-workflow')`
 * from the installed package by walking up the folders before it tries n8n's NODE_PATH; inside the repo
 * that walk reaches the dev copy in ./node_modules, a second n8n-workflow whose NodeApiError fails n8n's
 * `instanceof` checks (every sign-in error then turned into "Cannot reach …"). A user's ~/.n8n has no
 * such neighbour, so neither may the tests.
 */
export const USER_FOLDERS = process.env.E2E_USER_FOLDERS ?? path.join(os.tmpdir(), 'n8n-nodes-cloudreve-e2e');

export const INSTALL_SCRIPT = path.join(REPO_ROOT, 'test', 'e2e', 'install-n8n.sh');
