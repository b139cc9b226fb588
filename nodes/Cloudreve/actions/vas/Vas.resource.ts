import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as checkGiftCode from './checkGiftCode.operation';
import * as createPayment from './createPayment.operation';
import * as getPayment from './getPayment.operation';
import * as redeemGiftCode from './redeemGiftCode.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['vas'] } },
	options: [
		{ name: 'Check Gift Code', value: 'checkGiftCode', action: 'Check a gift code', description: 'See what a gift code gives, without using it' },
		{ name: 'Create Payment', value: 'createPayment', action: 'Create a payment', description: 'Start buying storage, a group membership or credits' },
		{ name: 'Get Payment', value: 'getPayment', action: 'Get payment status', description: 'Get the status of a payment' },
		{ name: 'Redeem Gift Code', value: 'redeemGiftCode', action: 'Redeem a gift code', description: 'Use a gift code on your account (it is used up)' },
	],
	default: 'checkGiftCode',
};

export const vasResource: ResourceModule = {
	resource: { name: 'Value-Added Service [Pro]', value: 'vas', description: 'Payments and gift codes (Cloudreve Pro only)' },
	operations,
	modules: { checkGiftCode, createPayment, getPayment, redeemGiftCode },
};
