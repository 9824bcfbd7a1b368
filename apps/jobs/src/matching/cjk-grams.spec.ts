import { gramQuery, keywordTerms } from './cjk-grams';

describe('Chinese keyword grams', () => {
  it('uses the unigram for one character and the bigram for two', () => {
    expect(gramQuery('保')).toEqual({ tsquery: "'保'", grams: ['保'], recheck: [] });
    expect(gramQuery(' 保安 ')).toEqual({ tsquery: "'保安'", grams: ['保安'], recheck: [] });
  });

  it('ANDs the bigrams of longer terms and rechecks the whole term', () => {
    expect(gramQuery('快递员')).toEqual({
      tsquery: "'快递' & '递员'",
      grams: ['快递', '递员'],
      recheck: ['%快递员%'],
    });
    expect(gramQuery('保安，夜班')).toEqual({
      tsquery: "'保安' & '夜班'",
      grams: ['保安', '夜班'],
      recheck: [],
    });
  });

  it('splits on punctuation (quotes, wildcards), and ignores keywords with nothing to search', () => {
    expect(gramQuery("a'b%")).toEqual({ tsquery: "'a' & 'b'", grams: ['a', 'b'], recheck: [] });
    expect(keywordTerms('C++ 50%_off')).toEqual(['c', '50', 'off']);
    expect(gramQuery('100_%x')?.recheck).toEqual(['%100%']);
    expect(gramQuery('，。 ')).toBeNull();
  });
});
