import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getCurrentUser } from '../../../shared/api/site';
import { prepareTwoFactor } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['prepareTwoFactor'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'The output contains a new TOTP secret: treat it like a password. Store it (e.g. in the credential\'s TOTP Secret) and confirm it within 10 minutes with User → Update Preferences → Enable Two-Factor plus a current code.',
		name: 'twoFactorNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const secret = await prepareTwoFactor(client, i);
	const me = await getCurrentUser(client, i);
	const account = String(me.email ?? '');
	// Same otpauth parameters Cloudreve uses (§1.11): SHA-1, 6 digits, 30 s, issuer "Cloudreve".
	const otpauthUrl = `otpauth://totp/Cloudreve:${encodeURIComponent(account)}?secret=${secret}&issuer=Cloudreve&algorithm=SHA1&digits=6&period=30`;
	return { json: { secret, otpauthUrl, expiresInSeconds: 600, sensitive: true } };
}
