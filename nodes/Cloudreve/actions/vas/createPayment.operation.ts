import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createPayment } from '../../../shared/api/pro';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['vas'], operation: ['createPayment'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Product Type',
		name: 'productType',
		type: 'options',
		default: 'storage',
		options: [
			{ name: 'Credits', value: 'points', description: 'Buy credits' },
			{ name: 'Group Membership', value: 'group', description: 'Buy a user-group SKU' },
			{ name: 'Storage Pack', value: 'storage', description: 'Buy extra storage' },
		],
		description: 'What to buy',
		displayOptions: { show },
	},
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2b6f0c1e-…',
		description: 'ID of the storage product or group SKU (see Site → Get Config → VAS); not needed for credits',
		displayOptions: { show },
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'How many units to buy',
		displayOptions: { show },
	},
	{
		displayName: 'Payment Provider ID',
		name: 'providerId',
		type: 'string',
		default: '',
		description: 'ID of the payment provider (see Site → Get Config → VAS); empty pays with credits where possible',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Body Fields (JSON)',
		name: 'extraBody',
		type: 'json',
		default: '{}',
		description: 'Extra fields sent as they are, for Pro versions that expect more (the Pro API is not publicly documented)',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const quantity = Number(this.getNodeParameter('quantity', i, 1));
	if (!Number.isInteger(quantity) || quantity < 1) throw new NodeOperationError(this.getNode(), 'Quantity must be a whole number of 1 or more', { itemIndex: i });
	const rawExtra = this.getNodeParameter('extraBody', i, '{}') as string | IDataObject;
	let extra: IDataObject;
	try {
		extra = typeof rawExtra === 'string' ? (JSON.parse(rawExtra || '{}') as IDataObject) : rawExtra;
	} catch {
		throw new NodeOperationError(this.getNode(), 'Additional Body Fields is not valid JSON', { itemIndex: i });
	}
	const productId = String(this.getNodeParameter('productId', i, ''));
	const providerId = String(this.getNodeParameter('providerId', i, ''));
	const body: IDataObject = {
		product: { type: this.getNodeParameter('productType', i, 'storage') as string, ...(productId ? { sku_id: productId } : {}) },
		quantity,
		...(providerId ? { provider_id: providerId } : {}),
		...extra,
	};
	return { json: await createPayment(client, body, i) };
}
