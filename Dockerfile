# The cluster profile's images, from one build: `--target silo` (src/Silo) and `--target api` (src/Api).
# docker-compose.yml builds both; by hand: docker build --target silo -t matching-silo .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm installs the pages' SignalR client during the API's build (package-lock.json).
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Project files first, so a change of code alone reuses the restored packages.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Contracts/Contracts.csproj src/Contracts/
COPY src/Hosting/Hosting.csproj src/Hosting/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Workload/Workload.csproj src/Workload/
COPY src/Silo/Silo.csproj src/Silo/
COPY src/Api/Api.csproj src/Api/
# The API image is the ClusterClient build: a client of the silos without grain code (see src/Api/Api.csproj),
# restored on its own (its intermediate folder is its own too).
RUN dotnet restore src/Silo/Silo.csproj && dotnet restore src/Api/Api.csproj -p:Configuration=ClusterClient

COPY src/ src/
RUN dotnet publish src/Silo/Silo.csproj -c Release --no-restore -o /out/silo \
 && dotnet publish src/Api/Api.csproj -c ClusterClient --no-restore -o /out/api

# A silo listens on 11111 (silos), 30000 (clients) and, when Matching:Telemetry:MetricsPort is set, 9464
# (metrics). The ASP.NET Core runtime, not the bare one: the dashboard's collector on the silo is built on it.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS silo
WORKDIR /app
COPY --from=build /out/silo .
ENV Matching__Mode=cluster
EXPOSE 11111 30000 9464
ENTRYPOINT ["dotnet", "Matching.Silo.dll"]

# The API: HTTP on 8080 (and the metrics port where Urls names it), an Orleans client of the silos, with no grain code.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS api
WORKDIR /app
COPY --from=build /out/api .
ENV Matching__Mode=cluster \
    Urls=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Matching.Api.dll"]
