import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redeemGiftCode } from '../../../shared/api/pro';
import type { CloudreveClient } from '../../../shared/transport/client';
import { giftCodeProperty } from './giftCode';

export const description: INodeProperties[] = [giftCodeProperty('redeemGiftCode')];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const code = String(this.getNodeParameter('giftCode', i, '')).trim();
	if (!code) throw new NodeOperationError(this.getNode(), 'Gift Code is empty', { itemIndex: i });
	const result = await redeemGiftCode(client, code, i);
	return { json: { ...(result ?? {}), redeemed: true } };
}
