import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deleteShares } from '../../../shared/api/shares';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readShareIds } from './common';

const show = { resource: ['share'], operation: ['deleteMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Share IDs',
		name: 'shareIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. g2guA, x9kLm',
		description:
			'IDs or links of the shares to delete, separated by commas (or an array from an expression). IDs that are not your shares, or no longer exist, are skipped without error.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const ids = readShareIds(this, i, 'shareIds');
	if (ids.length === 0) throw new NodeOperationError(this.getNode(), 'Share IDs is empty', { itemIndex: i });
	await deleteShares(client, ids, i);
	return { json: { ids, deleted: true } };
}
