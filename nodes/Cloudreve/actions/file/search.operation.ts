import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fullTextSearch } from '../../../shared/api/files';
import { toNodeError } from '../../../shared/errors';
import { readLocatorUri, locatorProperty } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import type { CloudreveClient } from '../../../shared/transport/client';
import { withSearchQuery } from '../../../shared/uri';
import { returnAllAndLimit, simplifyOption } from '../common.descriptions';
import { readSearchParams, searchFilterOptions } from './filters';
import { collectSearch } from './searchPages';

const show = { resource: ['file'], operation: ['search'] };
const byFilters = { ...show, searchBy: ['filters'] };
const byContent = { ...show, searchBy: ['fullText'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		default: 'filters',
		options: [
			{ name: 'Name and Filters', value: 'filters', description: 'Recursive search below a folder by name, type, size, dates and metadata' },
			{
				name: 'File Content (Full-Text)',
				value: 'fullText',
				description: 'Words inside your documents, across your whole drive (the site must have full-text search enabled)',
			},
		],
		displayOptions: { show },
	},
	locatorProperty({
		name: 'folder',
		displayName: 'Search In',
		target: 'folder',
		defaultPath: '/',
		description: 'The folder to search below, at any depth. Use cloudreve://trash to search the trash.',
		displayOptions: { show: byFilters },
	}),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: '*.pdf',
		description:
			'Text the name contains; * is a wildcard (*.pdf = ends with .pdf, report* = starts with report). Leave empty to match by the filters only.',
		displayOptions: { show: byFilters },
	},
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'quarterly revenue',
		description: 'Words to find inside files',
		displayOptions: { show: byContent },
	},
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: byFilters },
		options: searchFilterOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [simplifyOption()],
	},
];

async function searchContent(this: IExecuteFunctions, i: number, client: CloudreveClient, limit: number, simplify: boolean): Promise<INodeExecutionData[]> {
	const query = String(this.getNodeParameter('query', i)).trim();
	if (!query) throw new NodeOperationError(this.getNode(), 'Query is empty', { itemIndex: i, description: 'Enter the words to search for.' });
	const out: INodeExecutionData[] = [];
	let offset = 0;
	for (;;) {
		let page;
		try {
			page = await fullTextSearch(client, query, offset, i);
		} catch (error) {
			if ((error as { cloudreveCode?: number }).cloudreveCode !== 40019) throw toNodeError(this.getNode(), error, i);
			throw new NodeOperationError(this.getNode(), 'Full-text search is not enabled on this Cloudreve site', {
				itemIndex: i,
				description:
					'The administrator must enable it (Cloudreve 4.14 or newer with a Meilisearch index and a Tika extractor). Meanwhile use Search By → Name and Filters.',
			});
		}
		const hits = page.hits ?? [];
		for (const hit of hits) {
			if (out.length >= limit) break;
			out.push({ json: { ...fileOutput(hit.file, simplify), content: hit.content } });
		}
		offset += hits.length;
		if (hits.length === 0 || out.length >= limit || offset >= (page.total ?? 0)) break;
	}
	return out;
}

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i) as number);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simplify = options.simplify !== false;
	if (this.getNodeParameter('searchBy', i) === 'fullText') return await searchContent.call(this, i, client, limit, simplify);

	const folder = (await readLocatorUri(this, client, 'folder', i)).split('?')[0];
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const params = readSearchParams(this, i, String(this.getNodeParameter('name', i, '')), filters);
	if (params.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No search criteria', {
			itemIndex: i,
			description: 'Enter a Name (such as *.pdf) or add a filter. To list a folder without searching, use File → List.',
		});
	}
	const { files } = await collectSearch(client, withSearchQuery(folder, params), limit, { itemIndex: i });
	return files.map((f) => ({ json: fileOutput(f, simplify) }));
}
