using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Instances;

/// <summary>
/// Debian's nginx running the site file shipped in deploy/nginx, its upstream servers, ports and certificate swapped
/// for the test's (a self-signed one made now): the deployment as written, not a copy of it. One process (no master),
/// on two loopback ports (HTTPS, and plain HTTP that only redirects), gone on dispose.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string Executable = "/usr/sbin/nginx";
    private const string ShippedUpstreams = "server 127.0.0.1:5001 max_fails=1 fail_timeout=5s;\n    server 127.0.0.1:5002 max_fails=1 fail_timeout=5s;";

    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-nginx-").FullName;
    private readonly Process _nginx;

    public NginxProxy(params Uri[] instances)
    {
        var site = File.ReadAllText(SiteFile());
        Assert.Contains(ShippedUpstreams, site);
        Assert.Contains("listen 80;", site);
        Assert.Contains("listen 443 ssl;", site);
        Assert.Contains(ShippedCertificate, site);
        Assert.Contains(ShippedKey, site);
        var (plainPort, port) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        Certificate = SelfSigned(Path.Combine(_directory, "cert.pem"), Path.Combine(_directory, "key.pem"));
        site = site
            .Replace(ShippedUpstreams, string.Join("\n    ", instances.Select(i => $"server 127.0.0.1:{i.Port} max_fails=1 fail_timeout=5s;")))
            .Replace("listen 80;", $"listen 127.0.0.1:{plainPort};")
            .Replace("listen 443 ssl;", $"listen 127.0.0.1:{port} ssl;")
            .Replace(ShippedCertificate, Path.Combine(_directory, "cert.pem"))
            .Replace(ShippedKey, Path.Combine(_directory, "key.pem"));
        File.WriteAllText(Path.Combine(_directory, "site.conf"), site);
        File.WriteAllText(Path.Combine(_directory, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{_directory}}/access.log;
                client_body_temp_path {{_directory}}/body;
                proxy_temp_path {{_directory}}/proxy;
                fastcgi_temp_path {{_directory}}/fastcgi;
                uwsgi_temp_path {{_directory}}/uwsgi;
                scgi_temp_path {{_directory}}/scgi;
                include {{_directory}}/site.conf;
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(Executable, ["-p", _directory, "-c", Path.Combine(_directory, "nginx.conf")])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        })!;
        Address = new Uri($"https://127.0.0.1:{port}/");
        PlainAddress = new Uri($"http://127.0.0.1:{plainPort}/");
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!Accepts(port) || !Accepts(plainPort))
        {
            if (_nginx.HasExited || DateTime.UtcNow > until)
                throw new InvalidOperationException($"nginx did not start: {_nginx.StandardError.ReadToEnd()} {ErrorLog}");
            Thread.Sleep(50);
        }
    }

    private const string ShippedCertificate = "/etc/ssl/situation-dashboard/fullchain.pem";
    private const string ShippedKey = "/etc/ssl/situation-dashboard/privkey.pem";

    /// <summary>The dashboard, over HTTPS.</summary>
    public Uri Address { get; }

    /// <summary>Plain HTTP, which only sends a browser to HTTPS.</summary>
    public Uri PlainAddress { get; }

    /// <summary>The certificate nginx presents: made for this test, trusted by this test's clients only.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A client of nginx's HTTPS that trusts its test certificate and nothing else self-signed.</summary>
    public HttpClient Client(bool followRedirects = true) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = followRedirects,
        UseCookies = true,
        SslOptions = { RemoteCertificateValidationCallback = Trusts },
    }) { BaseAddress = Address };

    public bool Trusts(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None || certificate?.GetCertHashString() == Certificate.GetCertHashString();

    private static X509Certificate2 SelfSigned(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    /// <summary>Skips where nginx is not installed, unless CI requires it (it installs nginx with PostgreSQL).</summary>
    public static void SkipUnlessInstalled()
    {
        if (File.Exists(Executable))
            return;
        Assert.False(TestDatabases.PostgresRequired, $"nginx is required here but {Executable} is missing.");
        Skip.If(true, $"nginx test skipped: {Executable} is not installed (apt-get install nginx, as .ci/run does).");
    }

    private static string SiteFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "nginx", "situation-dashboard.conf");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("deploy/nginx/situation-dashboard.conf is not above the test's folder.");
    }


    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_nginx.HasExited)
            _nginx.Kill();
        _nginx.WaitForExit(5000);
        _nginx.Dispose();
        Certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
