using System.Diagnostics;
using Npgsql;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// A real PostgreSQL server on loopback (Debian's postgresql, which .ci/run installs), started once for the test
/// run in a throwaway cluster; each test gets a database of its own. PostgreSQL refuses to run as root, so under
/// root the cluster runs as the postgres user the package creates.
/// </summary>
internal sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Process _process;
    private readonly string _data;

    private PostgresServer(Process process, string data, int port)
    {
        _process = process;
        _data = data;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>The server the test run shares.</summary>
    public static PostgresServer Shared => Started.Value;

    public int Port { get; }

    /// <summary>A new, empty database; returns its address (no password: the throwaway cluster trusts loopback).</summary>
    public string NewDatabase()
    {
        var name = $"policyengine_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return $"postgresql://postgres@127.0.0.1:{Port}/{name}";
    }

    /// <summary>Runs SQL against the database at <paramref name="address"/> (as an attacker with database access would).</summary>
    public static int Execute(string address, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(address));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteNonQuery();
    }

    /// <summary>A single value from SQL against the database at <paramref name="address"/>.</summary>
    public static T Scalar<T>(string address, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(address));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    private static string ConnectionString(string address)
    {
        var uri = new Uri(address);
        return $"Host={uri.Host};Port={uri.Port};Username=postgres;Database={uri.AbsolutePath.TrimStart('/')};Pooling=false";
    }

    private static PostgresServer Start()
    {
        var bin = Binaries();
        var data = Path.Combine(Path.GetTempPath(), $"policyengine-postgres-{Guid.NewGuid():N}");
        Run(AsPostgres(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"));
        var port = Ports.Free();
        var start = AsPostgres(Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "max_connections=200");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start (apt-get install postgresql)");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PostgresServer(process, data, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=2");
                connection.Open();
                return server;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // Not accepting connections yet.
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with {process.ExitCode}: {string.Join("\n", log)}");
            }

            Thread.Sleep(100);
        }

        server.Stop();
        throw new InvalidOperationException($"postgres was not ready within 60 s: {string.Join("\n", log)}");
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGINT: a fast shutdown, which ends the server's own children too.
                using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            Directory.Delete(_data, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Left for the OS's temp cleaning; the test run is over.
        }
    }

    /// <summary>The server's binaries: Debian keeps them under /usr/lib/postgresql/VERSION/bin, off the PATH.</summary>
    private static string Binaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL's initdb was not found (apt-get install postgresql)");
    }

    /// <summary>The command, run as the postgres user when the tests run as root (setpriv execs it: no process in between).</summary>
    private static ProcessStartInfo AsPostgres(string program, params string[] args)
    {
        var root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "setpriv" : program) { UseShellExecute = false };
        if (root)
        {
            foreach (var arg in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", "--reset-env", program })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static void Run(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {output.Result}{error.Result}");
        }
    }
}
