import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { signOut } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['signOut'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Refresh Token',
		name: 'refreshToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'The refresh token of the session to end, e.g. one copied from a browser or handed to another tool. Every refresh token of that sign-in stops working; its access tokens still work until they expire (at most an hour). The session of this n8n credential is not affected unless you pass its own token.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const token = String(this.getNodeParameter('refreshToken', i, '')).trim();
	if (!token) {
		throw new NodeOperationError(this.getNode(), 'Refresh Token is empty', {
			itemIndex: i,
			description: 'Enter the refresh token of the session to sign out.',
		});
	}
	await signOut(client, token, i);
	return { json: { signedOut: true } };
}
