import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listDavAccounts } from '../../../shared/api/dav';
import type { CloudreveClient } from '../../../shared/transport/client';
import { returnAllAndLimit } from '../common.descriptions';
import { accountOutput } from './common';

const show = { resource: ['dav'], operation: ['list'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Passwords',
				name: 'includePasswords',
				type: 'boolean',
				default: false,
				description: 'Whether to include each account\'s WebDAV password in the output (sensitive: anyone who sees the execution data can use it)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = this.getNodeParameter('limit', i, 50) as number;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const accounts = await listDavAccounts(client, { returnAll, limit, pageSize: 50 }, i);
	return accounts.map((a) => ({ json: accountOutput(a, client.siteUrl, options.includePasswords === true) }));
}
