// The filter fields of List and Search and how they become a SearchFilters (nodes/shared/search.ts).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SearchFilterError, searchParams, toUnixSeconds, type SearchCategory, type SearchFilters, type SearchType } from '../../../shared/search';
import { splitItems } from './batch';

export const typeFilter: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	default: '',
	options: [
		{ name: 'Files and Folders', value: '' },
		{ name: 'Files Only', value: 'file' },
		{ name: 'Folders Only', value: 'folder' },
	],
};

export const categoryFilter: INodeProperties = {
	displayName: 'Category',
	name: 'category',
	type: 'options',
	default: '',
	options: [
		{ name: 'Any', value: '' },
		{ name: 'Audio', value: 'audio' },
		{ name: 'Document', value: 'document' },
		{ name: 'Image', value: 'image' },
		{ name: 'Video', value: 'video' },
	],
	description: 'Files of a kind, by extension, as the site administrator configured the categories',
};

const metadataPairs = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Metadata Filter',
	description,
	options: [
		{
			displayName: 'Metadata',
			name: 'entry',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'tag:invoice' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

/** The options of Search → Filters (also a subset for List). */
export const searchFilterOptions: INodeProperties[] = [
	{
		displayName: 'Additional Name Terms',
		name: 'moreNames',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Term' },
		default: [],
		description: 'More name terms, combined with the Name field as set by Name Terms Must Match',
	},
	{
		displayName: 'Case Sensitive',
		name: 'caseSensitive',
		type: 'boolean',
		default: false,
		description: 'Whether name terms must match upper and lower case exactly',
	},
	categoryFilter,
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
	},
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
	},
	metadataPairs('metadataEquals', 'Metadata Equals', 'Only items whose metadata value equals the given value exactly (case-sensitive; Cloudreve ≥ 4.3)'),
	metadataPairs(
		'metadataContains',
		'Metadata Contains',
		'Only items that have the metadata key (e.g. tag:invoice or props:rating) with a value containing the given text (case-insensitive). An empty value only checks that the key exists.',
	),
	{
		displayName: 'Maximum Size (Bytes)',
		name: 'maxSize',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: '',
	},
	{
		displayName: 'Minimum Size (Bytes)',
		name: 'minSize',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: '',
	},
	{
		displayName: 'Name Terms Must Match',
		name: 'nameMatch',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Terms', value: 'all' },
			{ name: 'Any Term', value: 'any' },
		],
	},
	typeFilter,
	{
		displayName: 'Updated After',
		name: 'updatedAfter',
		type: 'dateTime',
		default: '',
	},
	{
		displayName: 'Updated Before',
		name: 'updatedBefore',
		type: 'dateTime',
		default: '',
	},
];

function pairs(value: unknown): Record<string, string> | undefined {
	const entries = ((value as IDataObject | undefined)?.entry as Array<{ key?: string; value?: string }> | undefined) ?? [];
	if (!entries.length) return undefined;
	return Object.fromEntries(entries.map((e) => [String(e.key ?? ''), String(e.value ?? '')]));
}

const FIELD_NAMES: Record<string, string> = {
	size: 'Minimum Size / Maximum Size',
	created: 'Created After / Created Before',
	updated: 'Updated After / Updated Before',
	metadata: 'Metadata Contains / Metadata Equals',
	date: 'a date filter',
};

function numberOrUndefined(v: unknown): number | undefined {
	return v === '' || v === undefined || v === null ? undefined : Number(v);
}

/** The URI query parameters for a Name field plus a Filters collection; throws a NodeOperationError naming the field. */
export function readSearchParams(ctx: IExecuteFunctions, i: number, name: string, filters: IDataObject): Array<[string, string]> {
	try {
		const spec: SearchFilters = {
			names: [name, ...splitItems(filters.moreNames)],
			namesMatchAny: filters.nameMatch === 'any',
			caseInsensitive: filters.caseSensitive !== true,
			type: (filters.type as SearchType) || undefined,
			category: (filters.category as SearchCategory) || undefined,
			sizeMin: numberOrUndefined(filters.minSize),
			sizeMax: numberOrUndefined(filters.maxSize),
			createdAfter: toUnixSeconds(filters.createdAfter),
			createdBefore: toUnixSeconds(filters.createdBefore),
			updatedAfter: toUnixSeconds(filters.updatedAfter),
			updatedBefore: toUnixSeconds(filters.updatedBefore),
			metadataContains: pairs(filters.metadataContains),
			metadataEquals: pairs(filters.metadataEquals),
		};
		return searchParams(spec);
	} catch (error) {
		if (error instanceof SearchFilterError) {
			throw new NodeOperationError(ctx.getNode(), `${FIELD_NAMES[error.field] ?? error.field}: ${error.message}`, {
				itemIndex: i,
				description: 'Correct the filter values and run the node again.',
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i });
	}
}
