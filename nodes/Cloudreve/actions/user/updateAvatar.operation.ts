import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateAvatar } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['updateAvatar'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'binary',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'An image in a binary field of the input item' },
			{ name: 'Base64 Text', value: 'base64', description: 'An image as base64 text or a data: URL' },
			{ name: 'Use Gravatar', value: 'gravatar', description: 'Remove the uploaded picture and show the Gravatar of your e-mail' },
		],
		description: 'Where the new profile picture comes from (PNG, JPEG or GIF, at most 4 MB; Cloudreve resizes it)',
		displayOptions: { show },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the image',
		displayOptions: { show: { ...show, source: ['binary'], '@tool': [false] } },
	},
	{
		displayName: 'Image (Base64)',
		name: 'imageBase64',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. data:image/png;base64,iVBORw0KGgo…',
		description: 'The image as base64 text, optionally as a data: URL',
		displayOptions: { show: { ...show, source: ['base64'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const source = this.getNodeParameter('source', i, 'binary') as 'binary' | 'base64' | 'gravatar';
	let image: Buffer;
	let mimeType = 'image/png';
	if (source === 'gravatar') {
		image = Buffer.alloc(0);
	} else if (source === 'base64') {
		const text = String(this.getNodeParameter('imageBase64', i, '')).trim();
		const dataUrl = /^data:([^;,]+)?(?:;base64)?,(.*)$/s.exec(text);
		if (dataUrl?.[1]) mimeType = dataUrl[1];
		image = Buffer.from(dataUrl ? dataUrl[2] : text, 'base64');
		if (image.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Image (Base64) is empty', { itemIndex: i, description: 'Choose "Use Gravatar" to remove the picture.' });
		}
	} else {
		const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', i, 'data'));
		const binary = this.helpers.assertBinaryData(i, binaryPropertyName);
		image = await this.helpers.getBinaryDataBuffer(i, binaryPropertyName);
		mimeType = binary.mimeType || mimeType;
		if (image.length === 0) {
			throw new NodeOperationError(this.getNode(), `The binary field "${binaryPropertyName}" is empty`, {
				itemIndex: i,
				description: 'Choose "Use Gravatar" to remove the picture.',
			});
		}
	}
	await updateAvatar(client, image, mimeType, i);
	return { json: { avatar: source === 'gravatar' ? 'gravatar' : 'file', size: image.length } };
}
