import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listUserShares, type ShareOrder } from '../../../shared/api/shares';
import type { CloudreveClient } from '../../../shared/transport/client';
import { returnAllAndLimit } from '../common.descriptions';
import { orderOptions, shareOutput } from './common';

const show = { resource: ['share'], operation: ['listUserShares'] };

export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. lpua',
		description: 'The hash ID of the user whose public shares to list (see User → Search or Get Current)',
		displayOptions: { show },
	},
	...returnAllAndLimit(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: orderOptions(),
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const userId = String(this.getNodeParameter('userId', i, '')).trim();
	if (!userId) throw new NodeOperationError(this.getNode(), 'User ID is empty', { itemIndex: i });
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = this.getNodeParameter('limit', i, 50) as number;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const shares = await listUserShares(
		client,
		userId,
		{ returnAll, limit, pageSize: Math.min(100, Math.max(10, Number(options.pageSize ?? 50))) },
		{ orderBy: options.orderBy as ShareOrder | undefined, direction: (options.orderDirection as 'asc' | 'desc' | undefined) ?? 'desc' },
		i,
	);
	return shares.map((s) => ({ json: shareOutput(s) }));
}
