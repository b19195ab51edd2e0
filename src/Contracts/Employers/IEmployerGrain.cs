namespace Matching.Employers;

/// <summary>An employer (用人单位): profile, key-enterprise flag, credit standing, partner programmes.</summary>
[Alias("IEmployerGrain")]
public interface IEmployerGrain : IGrainWithStringKey
{
    /// <summary>Creates the employer; 409 when the id is taken, 400 with every broken field rule.</summary>
    [Alias("Create")]
    Task<EmployerView> CreateAsync(EmployerProfile profile);

    /// <summary>Replaces the profile; 404 when unknown.</summary>
    [Alias("Update")]
    Task<EmployerView> UpdateAsync(EmployerProfile profile);

    /// <summary>The employer; 404 when unknown.</summary>
    [Alias("Get")]
    Task<EmployerView> GetAsync();

    /// <summary>The employer, or null when unknown: for other grains that check a reference.</summary>
    [Alias("Find")]
    Task<EmployerView?> FindAsync();
}
