import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deleteDavAccount } from '../../../shared/api/dav';
import type { CloudreveClient } from '../../../shared/transport/client';
import { accountIdProperty } from './common';

const show = { resource: ['dav'], operation: ['delete'] };

export const description: INodeProperties[] = [accountIdProperty(show)];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const id = String(this.getNodeParameter('accountId', i, '')).trim();
	if (!id) throw new NodeOperationError(this.getNode(), 'Account ID is empty', { itemIndex: i });
	await deleteDavAccount(client, id, i);
	return { json: { id, deleted: true } };
}
