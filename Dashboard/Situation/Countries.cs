using Dashboard.Localization;

namespace Dashboard.Situation;

/// <summary>ISO 3166-1 alpha-2 codes and English short names (generated from Debian's iso-codes data).</summary>
public static class Countries
{
    private static readonly Dictionary<string, string> NamesByCode = new(StringComparer.Ordinal)
    {
        ["AD"] = "Andorra",
        ["AE"] = "United Arab Emirates",
        ["AF"] = "Afghanistan",
        ["AG"] = "Antigua and Barbuda",
        ["AI"] = "Anguilla",
        ["AL"] = "Albania",
        ["AM"] = "Armenia",
        ["AO"] = "Angola",
        ["AQ"] = "Antarctica",
        ["AR"] = "Argentina",
        ["AS"] = "American Samoa",
        ["AT"] = "Austria",
        ["AU"] = "Australia",
        ["AW"] = "Aruba",
        ["AX"] = "Åland Islands",
        ["AZ"] = "Azerbaijan",
        ["BA"] = "Bosnia and Herzegovina",
        ["BB"] = "Barbados",
        ["BD"] = "Bangladesh",
        ["BE"] = "Belgium",
        ["BF"] = "Burkina Faso",
        ["BG"] = "Bulgaria",
        ["BH"] = "Bahrain",
        ["BI"] = "Burundi",
        ["BJ"] = "Benin",
        ["BL"] = "Saint Barthélemy",
        ["BM"] = "Bermuda",
        ["BN"] = "Brunei Darussalam",
        ["BO"] = "Bolivia",
        ["BQ"] = "Bonaire, Sint Eustatius and Saba",
        ["BR"] = "Brazil",
        ["BS"] = "Bahamas",
        ["BT"] = "Bhutan",
        ["BV"] = "Bouvet Island",
        ["BW"] = "Botswana",
        ["BY"] = "Belarus",
        ["BZ"] = "Belize",
        ["CA"] = "Canada",
        ["CC"] = "Cocos (Keeling) Islands",
        ["CD"] = "Congo, The Democratic Republic of the",
        ["CF"] = "Central African Republic",
        ["CG"] = "Congo",
        ["CH"] = "Switzerland",
        ["CI"] = "Côte d'Ivoire",
        ["CK"] = "Cook Islands",
        ["CL"] = "Chile",
        ["CM"] = "Cameroon",
        ["CN"] = "China",
        ["CO"] = "Colombia",
        ["CR"] = "Costa Rica",
        ["CU"] = "Cuba",
        ["CV"] = "Cabo Verde",
        ["CW"] = "Curaçao",
        ["CX"] = "Christmas Island",
        ["CY"] = "Cyprus",
        ["CZ"] = "Czechia",
        ["DE"] = "Germany",
        ["DJ"] = "Djibouti",
        ["DK"] = "Denmark",
        ["DM"] = "Dominica",
        ["DO"] = "Dominican Republic",
        ["DZ"] = "Algeria",
        ["EC"] = "Ecuador",
        ["EE"] = "Estonia",
        ["EG"] = "Egypt",
        ["EH"] = "Western Sahara",
        ["ER"] = "Eritrea",
        ["ES"] = "Spain",
        ["ET"] = "Ethiopia",
        ["FI"] = "Finland",
        ["FJ"] = "Fiji",
        ["FK"] = "Falkland Islands (Malvinas)",
        ["FM"] = "Micronesia, Federated States of",
        ["FO"] = "Faroe Islands",
        ["FR"] = "France",
        ["GA"] = "Gabon",
        ["GB"] = "United Kingdom",
        ["GD"] = "Grenada",
        ["GE"] = "Georgia",
        ["GF"] = "French Guiana",
        ["GG"] = "Guernsey",
        ["GH"] = "Ghana",
        ["GI"] = "Gibraltar",
        ["GL"] = "Greenland",
        ["GM"] = "Gambia",
        ["GN"] = "Guinea",
        ["GP"] = "Guadeloupe",
        ["GQ"] = "Equatorial Guinea",
        ["GR"] = "Greece",
        ["GS"] = "South Georgia and the South Sandwich Islands",
        ["GT"] = "Guatemala",
        ["GU"] = "Guam",
        ["GW"] = "Guinea-Bissau",
        ["GY"] = "Guyana",
        ["HK"] = "Hong Kong",
        ["HM"] = "Heard Island and McDonald Islands",
        ["HN"] = "Honduras",
        ["HR"] = "Croatia",
        ["HT"] = "Haiti",
        ["HU"] = "Hungary",
        ["ID"] = "Indonesia",
        ["IE"] = "Ireland",
        ["IL"] = "Israel",
        ["IM"] = "Isle of Man",
        ["IN"] = "India",
        ["IO"] = "British Indian Ocean Territory",
        ["IQ"] = "Iraq",
        ["IR"] = "Iran",
        ["IS"] = "Iceland",
        ["IT"] = "Italy",
        ["JE"] = "Jersey",
        ["JM"] = "Jamaica",
        ["JO"] = "Jordan",
        ["JP"] = "Japan",
        ["KE"] = "Kenya",
        ["KG"] = "Kyrgyzstan",
        ["KH"] = "Cambodia",
        ["KI"] = "Kiribati",
        ["KM"] = "Comoros",
        ["KN"] = "Saint Kitts and Nevis",
        ["KP"] = "North Korea",
        ["KR"] = "South Korea",
        ["KW"] = "Kuwait",
        ["KY"] = "Cayman Islands",
        ["KZ"] = "Kazakhstan",
        ["LA"] = "Laos",
        ["LB"] = "Lebanon",
        ["LC"] = "Saint Lucia",
        ["LI"] = "Liechtenstein",
        ["LK"] = "Sri Lanka",
        ["LR"] = "Liberia",
        ["LS"] = "Lesotho",
        ["LT"] = "Lithuania",
        ["LU"] = "Luxembourg",
        ["LV"] = "Latvia",
        ["LY"] = "Libya",
        ["MA"] = "Morocco",
        ["MC"] = "Monaco",
        ["MD"] = "Moldova",
        ["ME"] = "Montenegro",
        ["MF"] = "Saint Martin (French part)",
        ["MG"] = "Madagascar",
        ["MH"] = "Marshall Islands",
        ["MK"] = "North Macedonia",
        ["ML"] = "Mali",
        ["MM"] = "Myanmar",
        ["MN"] = "Mongolia",
        ["MO"] = "Macao",
        ["MP"] = "Northern Mariana Islands",
        ["MQ"] = "Martinique",
        ["MR"] = "Mauritania",
        ["MS"] = "Montserrat",
        ["MT"] = "Malta",
        ["MU"] = "Mauritius",
        ["MV"] = "Maldives",
        ["MW"] = "Malawi",
        ["MX"] = "Mexico",
        ["MY"] = "Malaysia",
        ["MZ"] = "Mozambique",
        ["NA"] = "Namibia",
        ["NC"] = "New Caledonia",
        ["NE"] = "Niger",
        ["NF"] = "Norfolk Island",
        ["NG"] = "Nigeria",
        ["NI"] = "Nicaragua",
        ["NL"] = "Netherlands",
        ["NO"] = "Norway",
        ["NP"] = "Nepal",
        ["NR"] = "Nauru",
        ["NU"] = "Niue",
        ["NZ"] = "New Zealand",
        ["OM"] = "Oman",
        ["PA"] = "Panama",
        ["PE"] = "Peru",
        ["PF"] = "French Polynesia",
        ["PG"] = "Papua New Guinea",
        ["PH"] = "Philippines",
        ["PK"] = "Pakistan",
        ["PL"] = "Poland",
        ["PM"] = "Saint Pierre and Miquelon",
        ["PN"] = "Pitcairn",
        ["PR"] = "Puerto Rico",
        ["PS"] = "Palestine, State of",
        ["PT"] = "Portugal",
        ["PW"] = "Palau",
        ["PY"] = "Paraguay",
        ["QA"] = "Qatar",
        ["RE"] = "Réunion",
        ["RO"] = "Romania",
        ["RS"] = "Serbia",
        ["RU"] = "Russian Federation",
        ["RW"] = "Rwanda",
        ["SA"] = "Saudi Arabia",
        ["SB"] = "Solomon Islands",
        ["SC"] = "Seychelles",
        ["SD"] = "Sudan",
        ["SE"] = "Sweden",
        ["SG"] = "Singapore",
        ["SH"] = "Saint Helena, Ascension and Tristan da Cunha",
        ["SI"] = "Slovenia",
        ["SJ"] = "Svalbard and Jan Mayen",
        ["SK"] = "Slovakia",
        ["SL"] = "Sierra Leone",
        ["SM"] = "San Marino",
        ["SN"] = "Senegal",
        ["SO"] = "Somalia",
        ["SR"] = "Suriname",
        ["SS"] = "South Sudan",
        ["ST"] = "Sao Tome and Principe",
        ["SV"] = "El Salvador",
        ["SX"] = "Sint Maarten (Dutch part)",
        ["SY"] = "Syria",
        ["SZ"] = "Eswatini",
        ["TC"] = "Turks and Caicos Islands",
        ["TD"] = "Chad",
        ["TF"] = "French Southern Territories",
        ["TG"] = "Togo",
        ["TH"] = "Thailand",
        ["TJ"] = "Tajikistan",
        ["TK"] = "Tokelau",
        ["TL"] = "Timor-Leste",
        ["TM"] = "Turkmenistan",
        ["TN"] = "Tunisia",
        ["TO"] = "Tonga",
        ["TR"] = "Türkiye",
        ["TT"] = "Trinidad and Tobago",
        ["TV"] = "Tuvalu",
        ["TW"] = "Taiwan",
        ["TZ"] = "Tanzania",
        ["UA"] = "Ukraine",
        ["UG"] = "Uganda",
        ["UM"] = "United States Minor Outlying Islands",
        ["US"] = "United States",
        ["UY"] = "Uruguay",
        ["UZ"] = "Uzbekistan",
        ["VA"] = "Holy See (Vatican City State)",
        ["VC"] = "Saint Vincent and the Grenadines",
        ["VE"] = "Venezuela",
        ["VG"] = "Virgin Islands, British",
        ["VI"] = "Virgin Islands, U.S.",
        ["VN"] = "Vietnam",
        ["VU"] = "Vanuatu",
        ["WF"] = "Wallis and Futuna",
        ["WS"] = "Samoa",
        ["YE"] = "Yemen",
        ["YT"] = "Mayotte",
        ["ZA"] = "South Africa",
        ["ZM"] = "Zambia",
        ["ZW"] = "Zimbabwe",
    };

    public static bool IsKnown(string? code) => code is { Length: 2 } && NamesByCode.ContainsKey(code);

    /// <summary>The country's name in the reader's language ("Royaume-Uni", "イギリス"), English where none is shipped, or the code.</summary>
    public static string NameOf(string code) =>
        Languages.Current != Languages.Default && Translated.Value.TryGetValue(Languages.Current, out var names) && names.TryGetValue(code, out var translated)
            ? translated
            : EnglishNameOf(code);

    /// <summary>The English short name, for what leaves the app (API, CSV, feeds) whatever language the asker reads.</summary>
    public static string EnglishNameOf(string code) => NamesByCode.TryGetValue(code, out var name) ? name : code;

    /// <summary>Rows by their country's name as the reader's language sorts it.</summary>
    public static IEnumerable<T> InReadingOrder<T>(IEnumerable<T> rows, Func<T, string> code) =>
        rows.OrderBy(row => NameOf(code(row)), Collation);

    /// <summary>"Japan, Norway": names in reading order, separated as the language separates a list.</summary>
    public static string ListOf(IEnumerable<string> codes) =>
        string.Join(Say.Text("List.Separator"), InReadingOrder(codes, code => code).Select(NameOf));

    /// <summary>How the reader's language orders names (case and accents second).</summary>
    public static StringComparer Collation => StringComparer.Create(Say.Culture, ignoreCase: true);

    // i18n-iso-countries' tables (CLDR's names), read once; a name given as several takes the first.
    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Translated = new(() =>
        Languages.All.Where(l => l.Code != Languages.Default).ToDictionary(l => l.Code, l => ReadNames(l.Code)));

    private static Dictionary<string, string> ReadNames(string language)
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream($"i18n-iso-countries/{language}.json")
            ?? throw new InvalidOperationException($"The country names in '{language}' were not built into the app.");
        using var json = System.Text.Json.JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("countries").EnumerateObject().ToDictionary(
            country => country.Name,
            country => country.Value.ValueKind == System.Text.Json.JsonValueKind.Array ? country.Value[0].GetString()! : country.Value.GetString()!,
            StringComparer.Ordinal);
    }

    public static IReadOnlyCollection<string> All => NamesByCode.Keys;

    /// <summary>
    /// The codes a person typing <paramref name="typed"/> most likely means, best first: the code itself ("NO" is Norway,
    /// never Oman), then names in the reader's language that start with it ("jap" → Japan, "roy" → Royaume-Uni), then
    /// codes and names that contain it (the English name too, so "Norway" finds ノルウェー); every code, by name, for
    /// nothing typed.
    /// </summary>
    public static IEnumerable<string> Matching(string? typed, IEnumerable<string> among)
    {
        var query = typed?.Trim() ?? "";
        var byName = InReadingOrder(among, code => code);
        if (query.Length == 0)
            return byName;
        var compare = Say.Culture.CompareInfo;
        const System.Globalization.CompareOptions loosely = System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace
            | System.Globalization.CompareOptions.IgnoreKanaType | System.Globalization.CompareOptions.IgnoreWidth;
        bool Starts(string name) => compare.IsPrefix(name, query, loosely);
        bool Holds(string name) => compare.IndexOf(name, query, loosely) >= 0;
        int Rank(string code) =>
            code.Equals(query, StringComparison.OrdinalIgnoreCase) ? 0
            : Starts(NameOf(code)) ? 1
            : NameOf(code).Split(' ', '-').Any(Starts) ? 2
            : code.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? 3
            : Holds(NameOf(code)) || Holds(EnglishNameOf(code)) ? 4
            : int.MaxValue;
        return byName.Select(code => (Code: code, Rank: Rank(code))).Where(m => m.Rank != int.MaxValue).OrderBy(m => m.Rank).Select(m => m.Code);
    }
}
