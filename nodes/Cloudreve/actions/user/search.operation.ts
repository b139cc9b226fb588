import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { searchUsers } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['search'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Keyword',
		name: 'keyword',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alice',
		description: 'At least 2 characters, matched case-insensitively inside e-mail addresses and nicknames. Cloudreve returns at most 10 users.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const keyword = String(this.getNodeParameter('keyword', i, '')).trim();
	if ([...keyword].length < 2) {
		throw new NodeOperationError(this.getNode(), 'Keyword must have at least 2 characters', { itemIndex: i });
	}
	const users = await searchUsers(client, keyword, i);
	return users.map((json) => ({ json }));
}
