import type { N8nInstall } from './install';

/** Fixed so that credentials imported by one n8n process stay decryptable by the next one. */
export const E2E_ENCRYPTION_KEY = 'e2e-fixed-key-0123456789';

/** Variables of the calling process that an n8n child may see; everything else (NODE_ENV=test from jest,
 *  NODE_OPTIONS, a developer's N8N_* settings, CLOUDREVE_* secrets) stays out. */
const PASSED_THROUGH = ['TMPDIR', 'LANG', 'LC_ALL', 'TZ', 'SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS'];

export interface N8nPorts {
	/** N8N_PORT: the HTTP server (also bound by CLI commands' config, so every process gets its own). */
	port: number;
	/** N8N_RUNNERS_BROKER_PORT: every `start` and every `execute` binds the task broker (notes §7.3). */
	brokerPort: number;
}

/** The complete environment of one n8n process (n8n-notes §7.3). */
export function n8nEnv(install: N8nInstall, userFolder: string, ports: N8nPorts): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const name of PASSED_THROUGH) if (process.env[name] !== undefined) env[name] = process.env[name];
	Object.assign(env, install.env, {
		NODE_ENV: 'production',
		// HOME too: the Read/Write Files node's default allowed folder is $HOME/.n8n-files (notes §2 box, 6)
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(ports.port),
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL ?? 'info',
		DB_TYPE: 'sqlite',
	});
	// 2.41 otherwise fetches the MCP registry from api.n8n.io at boot (ENOTFOUND noise offline)
	if (install.version !== '2.8.4') env.N8N_DISABLED_MODULES = 'mcp-registry';
	return env;
}
