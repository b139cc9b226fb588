import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPayment } from '../../../shared/api/pro';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['vas'], operation: ['getPayment'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID returned by Create Payment',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const id = String(this.getNodeParameter('paymentId', i, '')).trim();
	if (!id) throw new NodeOperationError(this.getNode(), 'Payment ID is empty', { itemIndex: i });
	return { json: await getPayment(client, id, i) };
}
