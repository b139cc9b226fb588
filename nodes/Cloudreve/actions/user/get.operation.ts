import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getUser } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. lpua',
		description: 'The user\'s hash ID (see the owner of a share, or User → Search)',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const userId = String(this.getNodeParameter('userId', i, '')).trim();
	if (!userId) throw new NodeOperationError(this.getNode(), 'User ID is empty', { itemIndex: i });
	return { json: await getUser(client, userId, i) };
}
