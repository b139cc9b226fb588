import type { INodeProperties } from 'n8n-workflow';

export function giftCodeProperty(operation: string): INodeProperties {
	return {
		displayName: 'Gift Code',
		name: 'giftCode',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The gift (redeem) code',
		displayOptions: { show: { resource: ['vas'], operation: [operation] } },
	};
}
