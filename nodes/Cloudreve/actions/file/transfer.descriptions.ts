// Parameters shared by Upload and Update Content: where the bytes come from (a binary property or a text).
// Binary fields are hidden from AI-tool use (tools cannot carry binary, n8n-notes §5); the text input remains.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binarySource, bufferSource, type UploadSource } from '../../../shared/transfer/source';

export function contentSourceProperties(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Input Type',
			name: 'inputType',
			type: 'options',
			default: 'binary',
			options: [
				{ name: 'Binary File', value: 'binary', description: 'Send a binary file from the input item' },
				{ name: 'Text', value: 'text', description: 'Send text typed here or built with an expression (UTF-8)' },
			],
			description: 'Where the file content comes from',
			displayOptions: { show },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file',
			description: 'Name of the binary property of the input item that holds the file (see the Binary tab of the input)',
			displayOptions: { show: { ...show, inputType: ['binary'], '@tool': [false] } },
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'The content of the file, stored as UTF-8 text',
			displayOptions: { show: { ...show, inputType: ['text'] } },
		},
	];
}

/** The upload source of item `i`, per the Input Type parameter. */
export async function readContentSource(ctx: IExecuteFunctions, i: number, defaultName: string): Promise<UploadSource> {
	const inputType = ctx.getNodeParameter('inputType', i, 'binary') as string;
	if (inputType === 'text') {
		const text = ctx.getNodeParameter('text', i, '') as string;
		return bufferSource(Buffer.from(text, 'utf8'), defaultName || 'file.txt', 'text/plain');
	}
	const property = (ctx.getNodeParameter('binaryPropertyName', i, 'data') as string).trim();
	if (!property) {
		throw new NodeOperationError(ctx.getNode(), 'Input Binary Field is empty', {
			itemIndex: i,
			description: 'Enter the name of the binary property that holds the file, usually "data".',
		});
	}
	return await binarySource(ctx, i, property);
}

/** `metadata.values` of a key/value fixed collection → map. */
export function metadataMap(options: IDataObject): Record<string, string> | undefined {
	const entries = ((options.metadata as IDataObject | undefined)?.values as IDataObject[] | undefined) ?? [];
	const map: Record<string, string> = {};
	for (const entry of entries) {
		const key = String(entry.key ?? '').trim();
		if (key) map[key] = String(entry.value ?? '');
	}
	return Object.keys(map).length ? map : undefined;
}

export const metadataOption: INodeProperties = {
	displayName: 'Metadata',
	name: 'metadata',
	type: 'fixedCollection',
	placeholder: 'Add Metadata',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'Metadata to set on the file, e.g. tag:Invoice (empty value or a colour) or props:description',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'tag:Invoice', description: 'Metadata key as namespace:name (customize, tag, props, dav, thumb)' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};
