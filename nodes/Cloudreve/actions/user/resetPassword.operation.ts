import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resetPassword } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['resetPassword'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Reset Link',
		name: 'resetLink',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. https://drive.example.com/session/reset?…',
		description: 'The link from the password-reset e-mail (it contains the user ID and a one-time secret, valid for one hour)',
		displayOptions: { show },
	},
	{
		displayName: 'New Password',
		name: 'newPassword',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: '6–128 characters',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const link = String(this.getNodeParameter('resetLink', i, '')).trim();
	const password = String(this.getNodeParameter('newPassword', i, ''));
	const id = /[?&]id=([^&#]+)/.exec(link)?.[1];
	const secret = /[?&]secret=([^&#]+)/.exec(link)?.[1];
	if (!id || !secret) {
		throw new NodeOperationError(this.getNode(), 'Reset Link does not contain "id" and "secret"', {
			itemIndex: i,
			description: 'Paste the whole link from the e-mail: …/session/reset?id=<user>&secret=<secret>.',
		});
	}
	if (password.length < 6 || password.length > 128) {
		throw new NodeOperationError(this.getNode(), 'New Password must have 6–128 characters', { itemIndex: i });
	}
	const user = await resetPassword(client, decodeURIComponent(id), { password, secret: decodeURIComponent(secret) }, i);
	return { json: { ...user, passwordReset: true } };
}
