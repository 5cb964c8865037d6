using System.Net;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Api;

/// <summary>The theme switch remembers the choice and only ever sends the browser back into this app.</summary>
[Collection(SharedAppCollection.Name)]
public class ThemeSwitchTests(DashboardFactory app)
{
    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task Switching_from_the_default_dark_sets_light_and_returns_to_the_page()
    {
        var response = await Client().GetAsync("/theme/toggle?returnUrl=%2Fincidents%2Fin-amenas%3Fcountry%3DJP");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/incidents/in-amenas?country=JP", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dashboard-theme=light", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Switching_back_from_light_sets_dark()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/theme/toggle?returnUrl=%2F");
        request.Headers.Add("Cookie", "dashboard-theme=light");

        var response = await Client().SendAsync(request);

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dashboard-theme=dark", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("")]
    public async Task It_never_redirects_out_of_the_app(string returnUrl)
    {
        var response = await Client().GetAsync($"/theme/toggle?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_page_is_rendered_in_the_chosen_theme()
    {
        var dark = await Client().GetStringAsync("/incidents/in-amenas");
        var light = await Client().GetStringAsync("/incidents/in-amenas?theme=light");

        Assert.NotEqual(ThemeBackground(dark), ThemeBackground(light));
    }

    private static string ThemeBackground(string html)
    {
        var start = html.IndexOf("--mud-palette-background:", StringComparison.Ordinal);
        Assert.True(start >= 0, "the theme's CSS variables are rendered with the page");
        return html[start..html.IndexOf(';', start)];
    }
}
