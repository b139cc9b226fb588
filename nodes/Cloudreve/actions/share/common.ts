// Parameters and output shaping the share operations have in common.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseShareUrl, type Share } from '../../../shared/api/shares';

export function shareIdProperty(show: Record<string, string[]>, description?: string): INodeProperties {
	return {
		displayName: 'Share ID or URL',
		name: 'shareId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. g2guA or https://drive.example.com/s/g2guA/gcqzfaze',
		description: description ?? 'The share\'s ID, or its full link (…/s/<ID>[/<password>]) as returned by Create',
		displayOptions: { show },
	};
}

/** Reads "Share ID or URL": a bare ID, or a share link whose password segment is kept. */
export function readShareId(ctx: IExecuteFunctions, i: number, parameterName = 'shareId'): { id: string; password?: string } {
	const raw = String(ctx.getNodeParameter(parameterName, i, '')).trim();
	if (raw === '') {
		throw new NodeOperationError(ctx.getNode(), 'Share ID or URL is empty', {
			itemIndex: i,
			description: 'Enter the ID of a share (e.g. g2guA) or its link (https://…/s/g2guA).',
		});
	}
	if (/^https?:\/\//i.test(raw)) {
		const parsed = parseShareUrl(raw);
		if (!parsed) {
			throw new NodeOperationError(ctx.getNode(), `"${raw}" is not a Cloudreve share link`, {
				itemIndex: i,
				description: 'A share link looks like https://<site>/s/<ID> or https://<site>/s/<ID>/<password>.',
			});
		}
		return parsed;
	}
	if (!/^[A-Za-z0-9]+$/.test(raw)) {
		throw new NodeOperationError(ctx.getNode(), `"${raw}" is not a share ID`, {
			itemIndex: i,
			description: 'Share IDs are short letters-and-digits strings such as g2guA; a full share link is accepted too.',
		});
	}
	return { id: raw };
}

/** Several IDs from a comma/space separated string or an array given by expression. */
export function readShareIds(ctx: IExecuteFunctions, i: number, parameterName: string): string[] {
	const raw = ctx.getNodeParameter(parameterName, i, '') as string | string[];
	const values = (Array.isArray(raw) ? raw.map(String) : String(raw).split(/[\s,]+/)).map((v) => v.trim()).filter(Boolean);
	return values.map((v) => {
		if (/^https?:\/\//i.test(v)) {
			const parsed = parseShareUrl(v);
			if (parsed) return parsed.id;
		}
		if (!/^[A-Za-z0-9]+$/.test(v)) {
			throw new NodeOperationError(ctx.getNode(), `"${v}" is not a share ID`, { itemIndex: i });
		}
		return v;
	});
}

export function orderOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Order By',
			name: 'orderBy',
			type: 'options',
			default: 'created_at',
			options: [
				{ name: 'Created', value: 'created_at' },
				{ name: 'Downloads', value: 'downloads' },
				{ name: 'Remaining Downloads', value: 'remain_downloads' },
				{ name: 'Views', value: 'views' },
			],
			description: 'Sort key of the list',
		},
		{
			displayName: 'Order Direction',
			name: 'orderDirection',
			type: 'options',
			default: 'desc',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 10, maxValue: 100 },
			default: 50,
			description: 'Shares fetched per request (Cloudreve accepts 10–100)',
		},
	];
}

/** A share as n8n output; `sourceType` spelled out, the raw fields kept. */
export function shareOutput(share: Share): IDataObject {
	const out: IDataObject = { ...share };
	if (share.source_type !== undefined) out.sourceType = share.source_type === 1 ? 'folder' : 'file';
	return out;
}
