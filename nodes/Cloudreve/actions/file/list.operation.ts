import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listFiles, type ListOptions } from '../../../shared/api/files';
import { readLocatorUri, locatorProperty } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import type { CloudreveClient } from '../../../shared/transport/client';
import { parentUri, parseUri, withSearchQuery } from '../../../shared/uri';
import { returnAllAndLimit, simplifyOption } from '../common.descriptions';
import { categoryFilter, readSearchParams, typeFilter } from './filters';
import { collectSearch } from './searchPages';

const show = { resource: ['file'], operation: ['list'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'folder',
		displayName: 'Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'The folder whose files and subfolders to list. Use cloudreve://trash for the trash, cloudreve://shared_with_me for shares saved by you.',
		displayOptions: { show },
	}),
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			categoryFilter,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: '*.pdf',
				description: 'Only items whose name contains this text (case-insensitive); * is a wildcard, so *.pdf means "ends with .pdf"',
			},
			typeFilter,
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'options',
				default: 'name',
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Name', value: 'name' },
					{ name: 'Size', value: 'size' },
					{ name: 'Updated At', value: 'updated_at' },
				],
				description: 'Folders are always listed before files. Ignored when a filter is set (filtered lists come in the server\'s search order).',
			},
			{
				displayName: 'Order Direction',
				name: 'orderDirection',
				type: 'options',
				default: 'asc',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
			},
			simplifyOption(),
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const uri = await readLocatorUri(this, client, 'folder', i);
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const listOptions: ListOptions = {
		orderBy: options.orderBy as ListOptions['orderBy'],
		orderDirection: options.orderDirection as ListOptions['orderDirection'],
		itemIndex: i,
	};
	const simplify = options.simplify !== false;
	const params = readSearchParams(this, i, String(filters.name ?? ''), { type: filters.type, category: filters.category });
	if (params.length === 0) {
		const files = await listFiles(client, uri, { returnAll, limit, pageSize: 100 }, listOptions);
		return files.map((f) => ({ json: fileOutput(f, simplify) }));
	}
	// Any filter turns a Cloudreve listing into a recursive search (§1.13): keep the folder's own children only.
	const base = uri.split('?')[0];
	const folder = folderKey(base);
	const { files } = await collectSearch(client, withSearchQuery(base, params), limit ?? Infinity, listOptions, (f) => folderKey(parentUri(f.path)) === folder);
	return files.map((f) => ({ json: fileOutput(f, simplify) }));
}

/** File system and decoded path of a folder URI, ignoring share passwords and encoding differences. */
function folderKey(uri: string): string {
	const parsed = parseUri(uri);
	return `${parsed.fileSystem}|${parsed.authority.split(':')[0].split('@')[0]}|${parsed.segments.join('/')}`;
}
