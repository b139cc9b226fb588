import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getCaptcha } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['site'], operation: ['getCaptcha'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the captcha image in',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const { image, ticket } = await getCaptcha(client, i);
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', i, 'data')) || 'data';
	const match = /^data:([^;,]+)?;base64,(.*)$/s.exec(image);
	const mimeType = match?.[1] ?? 'image/png';
	const bytes = Buffer.from(match ? match[2] : image, 'base64');
	const binary = await this.helpers.prepareBinaryData(bytes, `captcha-${ticket}.png`, mimeType);
	// The data URL stays in the JSON too, so an AI agent (which cannot read binary fields) can still pass it on.
	return { json: { ticket, image }, binary: { [binaryPropertyName]: binary } };
}
