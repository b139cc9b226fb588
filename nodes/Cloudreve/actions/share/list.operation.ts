import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listMyShares, type ShareOrder } from '../../../shared/api/shares';
import type { CloudreveClient } from '../../../shared/transport/client';
import { returnAllAndLimit } from '../common.descriptions';
import { orderOptions, shareOutput } from './common';

const show = { resource: ['share'], operation: ['list'] };

export const description: INodeProperties[] = [
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
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = this.getNodeParameter('limit', i, 50) as number;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const shares = await listMyShares(
		client,
		{ returnAll, limit, pageSize: Math.min(100, Math.max(10, Number(options.pageSize ?? 50))) },
		{ orderBy: options.orderBy as ShareOrder | undefined, direction: (options.orderDirection as 'asc' | 'desc' | undefined) ?? 'desc' },
		i,
	);
	return shares.map((s) => ({ json: shareOutput(s) }));
}
