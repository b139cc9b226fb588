import { buildPatches } from '../../nodes/Cloudreve/actions/file/updateMetadata.operation';
import { splitItems } from '../../nodes/Cloudreve/actions/file/batch';
import { directLinkId } from '../../nodes/Cloudreve/actions/file/createDirectLink.operation';
import { MAX_SIZE_BOUND, SearchFilterError, searchParams, toUnixSeconds } from '../../nodes/shared/search';
import { withSearchQuery } from '../../nodes/shared/uri';

describe('search query building (cloudreve-api.md §1.13)', () => {
	it('returns nothing for empty filters, so a listing stays a listing', () => {
		expect(searchParams({})).toEqual([]);
		expect(searchParams({ names: ['', '  '], caseInsensitive: true, namesMatchAny: true })).toEqual([]);
	});

	it('repeats name, adds use_or only for several terms and case_folding only with names', () => {
		expect(searchParams({ names: ['*.pdf'], caseInsensitive: true, namesMatchAny: true })).toEqual([
			['name', '*.pdf'],
			['case_folding', ''],
		]);
		expect(searchParams({ names: ['a', 'b'], namesMatchAny: true })).toEqual([
			['name', 'a'],
			['name', 'b'],
			['use_or', ''],
		]);
		expect(searchParams({ caseInsensitive: true, type: 'folder', category: 'image' })).toEqual([
			['type', 'folder'],
			['category', 'image'],
		]);
	});

	it('always sends both size bounds, filling the missing one', () => {
		expect(searchParams({ sizeMin: 10 })).toEqual([
			['size_gte', '10'],
			['size_lte', String(MAX_SIZE_BOUND)],
		]);
		expect(searchParams({ sizeMax: 99.7 })).toEqual([
			['size_gte', '0'],
			['size_lte', '99'],
		]);
		expect(() => searchParams({ sizeMin: 5, sizeMax: 4 })).toThrow(SearchFilterError);
		expect(() => searchParams({ sizeMin: -1 })).toThrow('negative');
		expect(searchParams({ sizeMin: NaN })).toEqual([]);
	});

	it('sends time bounds as Unix seconds and refuses an empty range', () => {
		expect(searchParams({ createdAfter: 100, updatedBefore: 200 })).toEqual([
			['created_gte', '100'],
			['updated_lte', '200'],
		]);
		expect(() => searchParams({ updatedAfter: 300, updatedBefore: 200 })).toThrow('updated range is empty');
	});

	it('prefixes metadata filters and refuses an empty key', () => {
		expect(searchParams({ metadataContains: { 'tag:a': '' }, metadataEquals: { 'props:rating': '5' } })).toEqual([
			['meta_tag:a', ''],
			['exact_meta_props:rating', '5'],
		]);
		expect(() => searchParams({ metadataContains: { ' ': 'x' } })).toThrow('empty key');
	});

	it('encodes parameters into the folder URI so names with & = # % survive', () => {
		const uri = withSearchQuery('cloudreve://my/a%20b', searchParams({ names: ['R&D = 100%#1'], caseInsensitive: true }));
		expect(uri).toBe('cloudreve://my/a%20b?name=R%26D%20%3D%20100%25%231&case_folding');
		expect(new URLSearchParams(uri.split('?')[1]).get('name')).toBe('R&D = 100%#1');
	});

	it('reads dates from ISO strings, Luxon-like objects, Date, seconds and milliseconds', () => {
		expect(toUnixSeconds('')).toBeUndefined();
		expect(toUnixSeconds('2026-01-02T03:04:05Z')).toBe(1767323045);
		expect(toUnixSeconds({ toISO: () => '2026-01-02T03:04:05.000+00:00' })).toBe(1767323045);
		expect(toUnixSeconds(new Date(1767323045000))).toBe(1767323045);
		expect(toUnixSeconds(1767323045)).toBe(1767323045);
		expect(toUnixSeconds(1767323045999)).toBe(1767323045);
		expect(toUnixSeconds('1767323045')).toBe(1767323045);
		expect(() => toUnixSeconds('yesterday')).toThrow('is not a date');
	});
});

describe('file operation helpers', () => {
	it('splits item lists from arrays, multi-line text and single values', () => {
		expect(splitItems(undefined)).toEqual([]);
		expect(splitItems('/a b\r\n\n /c ')).toEqual(['/a b', '/c']);
		expect(splitItems(['/x', '/y\n/z', ''])).toEqual(['/x', '/y', '/z']);
	});

	it('builds metadata patches with Cloudreve\'s namespaces', () => {
		expect(
			buildPatches({
				setTags: [{ name: ' todo ', color: '#fff' }],
				removeTags: ['old'],
				setProperties: [{ id: 'props:rating', value: '3' }],
				removeProperties: ['description'],
				setOther: [{ key: 'customize:emoji', value: '📁' }],
				removeOther: ['thumb:disabled'],
			}),
		).toEqual([
			{ key: 'tag:todo', value: '#fff' },
			{ key: 'tag:old', remove: true },
			{ key: 'props:rating', value: '3' },
			{ key: 'props:description', remove: true },
			{ key: 'customize:emoji', value: '📁' },
			{ key: 'thumb:disabled', remove: true },
		]);
		expect(() => buildPatches({ setTags: [{ name: '' }] })).toThrow('without a name');
		expect(() => buildPatches({ setOther: [{ key: 'plain', value: '' }] })).toThrow('needs a namespace');
	});

	it('finds the ID in direct links, with or without the forced-download form', () => {
		expect(directLinkId('https://d.example.com/f/Xkf3/report.pdf')).toBe('Xkf3');
		expect(directLinkId('https://d.example.com/sub/f/d/Xkf3/a%20b.pdf')).toBe('Xkf3');
		expect(directLinkId('https://d.example.com/s/abc')).toBeUndefined();
	});
});
