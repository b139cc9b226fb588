import type { CredentialImport, WorkflowImport } from './cli';
import { registerSecret } from './redact';

export const CLOUDREVE_NODE_TYPE = 'n8n-nodes-cloudreve.cloudreve';
export const CLOUDREVE_TRIGGER_TYPE = 'n8n-nodes-cloudreve.cloudreveTrigger';
export const CREDENTIAL_TYPE = 'cloudreveApi';

export interface CloudreveAccount {
	baseUrl: string;
	email: string;
	password: string;
	totpSecret?: string;
	allowUnauthorizedCerts?: boolean;
}

/**
 * A `cloudreveApi` credential for `n8n import:credentials`. The hidden session fields are blank so the
 * first request runs preAuthentication (sign-in, 2FA when a TOTP secret is given) and n8n stores the tokens.
 */
export function cloudreveCredential(id: string, name: string, account: CloudreveAccount): CredentialImport {
	registerSecret(account.password);
	registerSecret(account.totpSecret);
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: {
			baseUrl: account.baseUrl,
			authMode: 'password',
			email: account.email,
			password: account.password,
			totpSecret: account.totpSecret ?? '',
			manualRefreshToken: '',
			allowUnauthorizedCerts: account.allowUnauthorizedCerts ?? false,
			accessToken: '',
			refreshToken: '',
			accessExpiresAt: 0,
			refreshExpiresAt: 0,
			identity: '',
		},
	};
}

export interface CredentialRef {
	id: string | null;
	name: string;
}

/** Manual Trigger → Cloudreve "List" of one folder (every child, as one item each). */
export function listFolderWorkflow(id: string, credential: CredentialRef, folder: string): WorkflowImport {
	return {
		id,
		name: `List ${folder}`,
		nodes: [
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000002',
				name: 'Cloudreve',
				type: CLOUDREVE_NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'file',
					operation: 'list',
					folder: { __rl: true, mode: 'path', value: folder },
					returnAll: true,
				},
				credentials: { [CREDENTIAL_TYPE]: credential },
			},
		],
		connections: { Start: { main: [[{ node: 'Cloudreve', type: 'main', index: 0 }]] } },
	};
}
