import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lockPolicyOption, withLockPolicy } from '../../../shared/api/locks';
import type { MetadataPatch } from '../../../shared/api/types';
import { locatorProperty } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { additionalItemsOption, continueOnPartialFailureOption, lockPolicyOf, readUriList, runBatch, splitItems } from './batch';

const show = { resource: ['file'], operation: ['updateMetadata'] };

export const description: INodeProperties[] = [
	locatorProperty({ name: 'file', displayName: 'File or Folder', target: 'any', description: 'The item whose tags or properties to change', displayOptions: { show } }),
	{
		displayName: 'Tags to Set',
		name: 'setTags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Tag',
				name: 'tag',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'invoice' },
					{
						displayName: 'Color',
						name: 'color',
						type: 'color',
						default: '',
						description: 'Optional colour of the tag in the web client, such as #e91e63',
					},
				],
			},
		],
	},
	{
		displayName: 'Tags to Remove',
		name: 'removeTags',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
		default: [],
		description: 'Names of tags to take off',
		displayOptions: { show },
	},
	{
		displayName: 'Custom Properties to Set',
		name: 'setProperties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		displayOptions: { show },
		description: 'Values of the custom properties defined by the site administrator (Cloudreve ≥ 4.3)',
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{
						displayName: 'Property ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'description',
						description: 'The property ID, such as description or rating (listed in the site configuration, explorer → custom_props)',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text; a whole number for number and rating; true or false for boolean; a JSON array of options for multi-select',
					},
				],
			},
		],
	},
	{
		displayName: 'Custom Properties to Remove',
		name: 'removeProperties',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Property' },
		default: [],
		description: 'IDs of custom properties to clear',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			additionalItemsOption,
			continueOnPartialFailureOption,
			lockPolicyOption,
			{
				displayName: 'Other Metadata to Set',
				name: 'setOther',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Entry',
				description: 'Raw metadata keys in an allowed namespace: customize:… (e.g. customize:icon_color), dav:…, thumb:disabled',
				options: [
					{
						displayName: 'Entry',
						name: 'entry',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'customize:icon_color' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Other Metadata to Remove',
				name: 'removeOther',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Key' },
				default: [],
				description: 'Raw metadata keys to remove, such as customize:icon_color or thumb:disabled',
			},
		],
	},
];

interface Pair {
	name?: string;
	id?: string;
	key?: string;
	value?: string;
	color?: string;
}

/** The metadata patches for the node's fields (keys per cloudreve-api.md §2.6 Patch metadata). */
export function buildPatches(input: {
	setTags?: Pair[];
	removeTags?: string[];
	setProperties?: Pair[];
	removeProperties?: string[];
	setOther?: Pair[];
	removeOther?: string[];
}): MetadataPatch[] {
	const patches: MetadataPatch[] = [];
	for (const t of input.setTags ?? []) {
		const name = String(t.name ?? '').trim();
		if (!name) throw new Error('Tags to Set has a tag without a name');
		patches.push({ key: `tag:${name}`, value: String(t.color ?? '').trim() });
	}
	for (const name of input.removeTags ?? []) patches.push({ key: `tag:${name}`, remove: true });
	for (const p of input.setProperties ?? []) {
		const id = String(p.id ?? '').trim().replace(/^props:/, '');
		if (!id) throw new Error('Custom Properties to Set has a property without an ID');
		patches.push({ key: `props:${id}`, value: String(p.value ?? '') });
	}
	for (const id of input.removeProperties ?? []) patches.push({ key: `props:${id.replace(/^props:/, '')}`, remove: true });
	for (const e of input.setOther ?? []) {
		const key = String(e.key ?? '').trim();
		if (!key.includes(':')) throw new Error(`Other Metadata key "${key}" needs a namespace, such as customize:${key || 'name'}`);
		patches.push({ key, value: String(e.value ?? '') });
	}
	for (const key of input.removeOther ?? []) patches.push({ key, remove: true });
	return patches;
}

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uris = await readUriList(this, client, 'file', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	let patches: MetadataPatch[];
	try {
		patches = buildPatches({
			setTags: ((this.getNodeParameter('setTags', i, {}) as IDataObject).tag as Pair[] | undefined) ?? [],
			removeTags: splitItems(this.getNodeParameter('removeTags', i, [])),
			setProperties: ((this.getNodeParameter('setProperties', i, {}) as IDataObject).property as Pair[] | undefined) ?? [],
			removeProperties: splitItems(this.getNodeParameter('removeProperties', i, [])),
			setOther: ((options.setOther as IDataObject | undefined)?.entry as Pair[] | undefined) ?? [],
			removeOther: splitItems(options.removeOther),
		});
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: i, description: 'Fill in or remove the incomplete entry.' });
	}
	if (patches.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to change', {
			itemIndex: i,
			description: 'Add a tag or custom property to set or remove.',
		});
	}
	const outcome = await withLockPolicy(
		client,
		lockPolicyOf(this, i),
		async () =>
			await runBatch(
				client,
				{ method: 'PATCH', path: '/file/metadata', body: { uris, patches: patches as unknown as IDataObject[] }, itemIndex: i },
				uris,
				options.continueOnPartialFailure === true,
			),
		i,
	);
	const json: IDataObject = { success: outcome.failed.length === 0, updated: outcome.succeeded, patches: patches as unknown as IDataObject[] };
	if (outcome.failed.length) json.failed = outcome.failed;
	return { json };
}
