import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateView } from '../../../shared/api/files';
import type { ExplorerView } from '../../../shared/api/types';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['folder'], operation: ['updateView'] };
const setting = { ...show, reset: [false] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'folder',
		displayName: 'Folder',
		target: 'folder',
		description: 'The folder whose saved view (layout, sorting, page size) to change; cloudreve://trash works too',
		displayOptions: { show },
	}),
	{
		displayName: 'Reset to Default',
		name: 'reset',
		type: 'boolean',
		default: false,
		description: 'Whether to delete the saved view so the folder uses the default one',
		displayOptions: { show },
	},
	{
		displayName: 'Layout',
		name: 'layout',
		type: 'options',
		default: 'grid',
		options: [
			{ name: 'Gallery', value: 'gallery' },
			{ name: 'Grid', value: 'grid' },
			{ name: 'List', value: 'list' },
		],
		displayOptions: { show: setting },
	},
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
		displayOptions: { show: setting },
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
		displayOptions: { show: setting },
	},
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 50 },
		default: 100,
		description: 'Items per page in the web client (at least 50)',
		displayOptions: { show: setting },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: setting },
		options: [
			{
				displayName: 'Gallery Width',
				name: 'galleryWidth',
				type: 'number',
				typeOptions: { minValue: 50, maxValue: 500 },
				default: 220,
				description: 'Width of gallery tiles in pixels (50-500)',
			},
			{
				displayName: 'List Columns (JSON)',
				name: 'columns',
				type: 'json',
				default: '[]',
				description: 'Columns of the list layout, as the web client stores them, e.g. [{"type": 0}, {"type": 1, "width": 120}]',
			},
			{
				displayName: 'Show Thumbnails',
				name: 'thumbnail',
				type: 'boolean',
				default: true,
				description: 'Whether the grid layout shows thumbnails',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'folder', i);
	if (this.getNodeParameter('reset', i) === true) {
		await updateView(client, uri, null, i);
		return { json: { success: true, uri, view: null } };
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const pageSize = Number(this.getNodeParameter('pageSize', i));
	if (!Number.isInteger(pageSize) || pageSize < 50) {
		throw new NodeOperationError(this.getNode(), `Page Size must be a whole number of at least 50 (got ${pageSize})`, { itemIndex: i, description: 'Cloudreve refuses smaller pages.' });
	}
	const galleryWidth = Number(options.galleryWidth ?? 220);
	if (!(galleryWidth >= 50 && galleryWidth <= 500)) {
		throw new NodeOperationError(this.getNode(), `Gallery Width must be between 50 and 500 (got ${galleryWidth})`, { itemIndex: i });
	}
	let columns: ExplorerView['columns'];
	if (options.columns !== undefined && options.columns !== '') {
		const parsed = typeof options.columns === 'string' ? safeJson(options.columns) : options.columns;
		if (!Array.isArray(parsed)) {
			throw new NodeOperationError(this.getNode(), 'List Columns (JSON) must be a JSON array', { itemIndex: i, description: 'Use [{"type": 0}] or leave the option out.' });
		}
		if (parsed.length) columns = parsed as ExplorerView['columns'];
	}
	// Cloudreve rejects a partial view (40001): every required field is always sent (§2.6 Update view setting).
	const view: ExplorerView = {
		page_size: pageSize,
		order: this.getNodeParameter('orderBy', i) as string,
		order_direction: this.getNodeParameter('orderDirection', i) as 'asc' | 'desc',
		view: this.getNodeParameter('layout', i) as ExplorerView['view'],
		thumbnail: options.thumbnail !== false,
		gallery_width: galleryWidth,
		...(columns ? { columns } : {}),
	};
	await updateView(client, uri, view, i);
	return { json: { success: true, uri, view: view as unknown as IDataObject } };
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
