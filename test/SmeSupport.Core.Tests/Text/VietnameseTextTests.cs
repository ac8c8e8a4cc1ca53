using System.Text;
using SmeSupport.Text;

namespace SmeSupport.Core.Tests.Text;

public class VietnameseTextTests
{
    // Decomposed (NFD) spellings written with explicit combining marks, so the test does not depend on how
    // this file is saved: U+0302 circumflex, U+0303 tilde, U+0300 grave, U+0301 acute, U+0323 dot below,
    // U+0309 hook above, U+0306 breve, U+031B horn.
    private const string NguyenNfd = "Nguye\u0302\u0303n";
    private const string HaNoiNfd = "Ha\u0300 No\u0302\u0323i";
    private const string TruongNfd = "Tru\u031Bo\u031B\u0300ng";

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   \t\n ", "")]
    [InlineData("  Hà   Nội ", "Hà Nội")]
    [InlineData("Công ty\tTNHH\r\nMinh  Anh", "Công ty TNHH Minh Anh")]
    [InlineData("Phú\u00A0Thọ", "Phú Thọ")] // non-breaking space
    [InlineData("Việt Trì\u3000", "Việt Trì")] // ideographic space at the end
    [InlineData("Nguyễn Văn A", "Nguyễn Văn A")]
    public void Normalize_trims_and_collapses_white_space(string? input, string expected)
    {
        Assert.Equal(expected, VietnameseText.Normalize(input));
    }

    [Fact]
    public void Normalize_composes_decomposed_input()
    {
        var result = VietnameseText.Normalize(NguyenNfd + " " + HaNoiNfd);

        Assert.Equal("Nguy\u1EC5n H\u00E0 N\u1ED9i", result); // ễ, à, ộ as single code points
        Assert.Equal(13, result.Length); // "Nguyễn"=6, "Hà"=2, "Nội"=3, two spaces
        Assert.True(result.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("Công ty TNHH Thương mại Đông Á")] // precomposed Vietnamese (Latin Extended Additional, Đ, ơ/ư): kept as is
    [InlineData("Nguy\u00EA\u0303n")] // a base letter then a combining tilde: composed
    [InlineData("A\u030A and \u212B")] // combining ring, and the Angstrom sign (NFC maps it to Å)
    [InlineData("\u1100\u1161 \uAC00")] // Hangul jamo that compose
    [InlineData("e\u0301\u0323")] // two marks, composed in canonical order
    public void Normalize_and_fold_give_nfc_whether_or_not_the_text_needed_composing(string input)
    {
        Assert.Equal(input.Normalize(NormalizationForm.FormC).Trim(), VietnameseText.Normalize(input));
        Assert.True(VietnameseText.Normalize(input).IsNormalized(NormalizationForm.FormC));
        Assert.True(VietnameseText.Fold(input).IsNormalized(NormalizationForm.FormC));
        Assert.Equal(VietnameseText.Fold(input.Normalize(NormalizationForm.FormD)), VietnameseText.Fold(input));
    }

    [Fact]
    public void Normalize_replaces_an_unpaired_surrogate_instead_of_throwing()
    {
        Assert.Equal("a\uFFFDb", VietnameseText.Normalize("a\uD800b"));
        Assert.Equal("\U0001F600 ok", VietnameseText.Normalize("\U0001F600  ok")); // a valid pair is kept
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Nguyễn", "nguyen")]
    [InlineData("Đông", "dong")]
    [InlineData("đông", "dong")]
    [InlineData("ĐẶNG THỊ ĐÀO", "dang thi dao")]
    [InlineData("Trần Thị Thu Hà", "tran thi thu ha")]
    [InlineData("  Hồ   Chí\tMinh ", "ho chi minh")]
    [InlineData("Phú Thọ", "phu tho")]
    [InlineData("Ưu đãi", "uu dai")]
    [InlineData("Sơn Dương", "son duong")]
    [InlineData("Công ty TNHH Một Thành Viên", "cong ty tnhh mot thanh vien")]
    [InlineData("Hợp tác xã Nông nghiệp", "hop tac xa nong nghiep")]
    [InlineData("Khuyến", "khuyen")]
    [InlineData("Ðông", "dong")] // U+00D0, the look-alike often typed for Đ
    [InlineData("Hà\u00ADNội", "hanoi")] // soft hyphen is invisible and dropped
    [InlineData("Café 24/7", "cafe 24/7")]
    [InlineData("ABC-123", "abc-123")]
    public void Fold_removes_diacritics_case_and_extra_spaces(string? input, string expected)
    {
        Assert.Equal(expected, VietnameseText.Fold(input));
    }

    [Theory]
    [InlineData(NguyenNfd, "nguyen")]
    [InlineData(HaNoiNfd, "ha noi")]
    [InlineData(TruongNfd, "truong")]
    [InlineData("D\u0323a\u0302\u0301u", "dau")] // marks in non-canonical order
    public void Fold_gives_the_same_key_for_decomposed_input(string decomposed, string expected)
    {
        Assert.Equal(expected, VietnameseText.Fold(decomposed));
        Assert.Equal(VietnameseText.Fold(decomposed.Normalize(NormalizationForm.FormC)), VietnameseText.Fold(decomposed));
    }

    [Theory]
    [InlineData("Ánh", "Bình")]
    [InlineData("Dũng", "Đào")]
    [InlineData("Đào", "Em")]
    [InlineData("Anh", "Ăn")]
    [InlineData("Ăn", "Âu")]
    [InlineData("Anh", "Âu")]
    [InlineData("Ôn", "Ơn")]
    [InlineData("On", "Ôn")]
    [InlineData("Ơn", "Phong")]
    [InlineData("Uyên", "Ưng")]
    [InlineData("Ưng", "Vinh")]
    [InlineData("Ê", "Ga")]
    [InlineData("Em", "Êm")]
    [InlineData("Zơ", "Ωmega")] // other scripts after every Latin letter
    [InlineData("Ánh", "Anha")] // base letters decide before tones
    [InlineData("Bà", "Bac")]
    [InlineData("An Bình", "Anh")] // word by word: a shorter syllable first
    [InlineData("Lê Văn", "Lê Văn An")]
    [InlineData("Lê Văn An", "Lê Vân")]
    [InlineData("Ba Bà", "Bà Ba")] // first word's tone decides first
    public void Vietnamese_alphabetical_order(string earlier, string later)
    {
        Assert.True(VietnameseText.Comparer.Compare(earlier, later) < 0, $"{earlier} should sort before {later}");
        Assert.True(VietnameseText.Comparer.Compare(later, earlier) > 0, $"{later} should sort after {earlier}");
        Assert.True(string.CompareOrdinal(VietnameseText.SortKey(earlier), VietnameseText.SortKey(later)) < 0);
    }

    [Fact]
    public void Tones_sort_none_huyen_hoi_nga_sac_nang()
    {
        string[] expected = ["ma", "mà", "mả", "mã", "má", "mạ"];

        AssertSorts(expected);
        AssertSorts(["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ", "Bác", "Bạc", "Bách"]);
    }

    [Fact]
    public void Sorts_the_whole_alphabet_with_f_j_w_z_in_ascii_places()
    {
        string[] expected =
        [
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
            "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
        ];

        AssertSorts(expected);
        AssertSorts(expected.Select(s => s.ToUpperInvariant()).ToArray());
        Assert.Equal(33, expected.Select(VietnameseText.SortKey).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Latin_letters_outside_the_vietnamese_alphabet_fall_in_ascii_places()
    {
        AssertSorts(["Êm", "Fanpage", "Giang"]);
        AssertSorts(["Ích", "Jollibee", "Kim"]);
        AssertSorts(["Vy", "Wonder", "Xuân"]);
        AssertSorts(["Yến", "Zalo"]);
    }

    [Fact]
    public void Space_then_punctuation_then_digits_then_letters()
    {
        AssertSorts(["An Khang", "An-Khang", "An1", "Ana"]);
        AssertSorts(["(Hội)", "1 Sao", "10 Sao", "9 Sao", "A Sao"]);
        AssertSorts(["0", "5", "9", "a"]);
    }

    [Fact]
    public void Sorts_a_list_of_names_like_a_vietnamese_directory()
    {
        // Letters decide before tones, over the whole name: "Ánh Dương" (d) comes before "Anh Đào" (đ).
        string[] expected =
        [
            "An Phát", "Ánh Dương", "Anh Đào", "Ăn Ngon", "Âu Lạc", "Bảo Minh", "Bình An", "Cường Thịnh",
            "Dũng Tiến", "Đại Việt", "Đào Nguyên", "Em Xinh", "Ê Đê", "Gia Phát", "Hòa Bình", "Hưng Thịnh",
            "Ích Thọ", "Khải Hoàn", "Lộc Phát", "Minh Anh", "Nam Việt", "Ông Già", "Ơn Trời", "Phú Thọ",
            "Quang Trung", "Sơn Hà", "Tân Tiến", "Uyên Phương", "Ưng Hòa", "Việt Trì", "Xuân Mai", "Yên Lập",
        ];

        AssertSorts(expected);
    }

    [Fact]
    public void Ignores_case_normalisation_form_spacing_and_tone_placement()
    {
        Assert.Equal(VietnameseText.SortKey("anh"), VietnameseText.SortKey("ANH"));
        Assert.Equal(VietnameseText.SortKey("anh"), VietnameseText.SortKey("Anh"));
        Assert.Equal(VietnameseText.SortKey("Nguyễn"), VietnameseText.SortKey(NguyenNfd));
        Assert.Equal(VietnameseText.SortKey("Trường"), VietnameseText.SortKey(TruongNfd));
        Assert.Equal(VietnameseText.SortKey("Hà Nội"), VietnameseText.SortKey("  hà   NỘI "));
        Assert.Equal(VietnameseText.SortKey("hòa"), VietnameseText.SortKey("hoà")); // new and old tone placement
        Assert.Equal(VietnameseText.SortKey("Thủy"), VietnameseText.SortKey("Thuỷ"));
        Assert.Equal(VietnameseText.SortKey("Đông"), VietnameseText.SortKey("Ðông"));
        Assert.Equal(0, VietnameseText.Comparer.Compare("Hòa Bình", "HOÀ BÌNH"));
    }

    [Fact]
    public void Distinguishes_letters_and_tones()
    {
        string[] distinct = ["a", "à", "ă", "â", "ằ", "ầ", "d", "đ", "o", "ô", "ơ", "u", "ư", "hòa", "hoa", "hóa"];

        Assert.Equal(distinct.Length, distinct.Select(VietnameseText.SortKey).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("Nguyễn Thị Ánh")]
    [InlineData("Công ty Cổ phần Đầu tư & Phát triển (ĐT-PT) số 1")]
    [InlineData("HỢP TÁC XÃ ƯƠM TƠ")]
    public void Keys_of_vietnamese_text_are_printable_ascii(string text)
    {
        var key = VietnameseText.SortKey(text);

        Assert.NotEmpty(key);
        Assert.All(key, c => Assert.InRange(c, '!', '~'));
    }

    [Fact]
    public void Utf8_byte_order_of_keys_matches_ordinal_order_as_in_sqlite_binary_collation()
    {
        string[] names = ["Ưng Hòa", "Anh Đào", "Zalo", "Ăn Ngon", "Đại Việt", "9 Sao", "Ánh Dương", "Dũng Tiến", "An Phát", "Ơn Trời"];

        var byOrdinal = names.OrderBy(VietnameseText.SortKey, StringComparer.Ordinal).ToList();
        var byUtf8 = names.OrderBy(n => Encoding.UTF8.GetBytes(VietnameseText.SortKey(n)), new ByteArrayComparer()).ToList();

        Assert.Equal(byOrdinal, byUtf8);
        Assert.Equal(["9 Sao", "An Phát", "Ánh Dương", "Anh Đào", "Ăn Ngon", "Dũng Tiến", "Đại Việt", "Ơn Trời", "Ưng Hòa", "Zalo"], byOrdinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t ")]
    [InlineData("\u0301")] // a lone combining mark has no base letter
    public void SortKey_of_nothing_is_empty(string? input)
    {
        Assert.Equal(string.Empty, VietnameseText.SortKey(input));
    }

    [Fact]
    public void Comparer_puts_null_first_and_treats_equal_references_as_equal()
    {
        var comparer = VietnameseText.Comparer;

        Assert.Equal(0, comparer.Compare(null, null));
        Assert.True(comparer.Compare(null, "") < 0);
        Assert.True(comparer.Compare(null, "a") < 0);
        Assert.True(comparer.Compare("a", null) > 0);
        Assert.True(comparer.Compare("", "a") < 0);
        Assert.Equal(0, comparer.Compare("Anh", "Anh"));
    }

    [Fact]
    public void Comparer_sorts_a_list()
    {
        var names = new List<string> { "Em", "Đào", "Dũng", "Bình", "Ánh", "Âu", "Ăn", "Anh" };

        names.Sort(VietnameseText.Comparer);

        Assert.Equal(["Anh", "Ánh", "Ăn", "Âu", "Bình", "Dũng", "Đào", "Em"], names);
    }

    private static void AssertSorts(string[] expected)
    {
        var shuffled = Enumerable.Reverse(expected).Concat(expected.Where((_, i) => i % 2 == 0)).Distinct().ToList();
        var sortedByComparer = shuffled.OrderBy(s => s, VietnameseText.Comparer).ToList();
        var sortedByKey = shuffled.OrderBy(VietnameseText.SortKey, StringComparer.Ordinal).ToList();

        Assert.Equal(expected, sortedByComparer);
        Assert.Equal(expected, sortedByKey);
        for (var i = 1; i < expected.Length; i++)
        {
            Assert.True(string.CompareOrdinal(VietnameseText.SortKey(expected[i - 1]), VietnameseText.SortKey(expected[i])) < 0,
                $"{expected[i - 1]} should sort strictly before {expected[i]}");
        }
    }

    private sealed class ByteArrayComparer : IComparer<byte[]>
    {
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
