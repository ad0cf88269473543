using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace GitOps.Build.Tests.Architecture;

/// <summary>One use of a type of the assembly by another of its types: <paramref name="From"/> names
/// <paramref name="To"/> somewhere (base type, interface, field, signature, attribute, method body).</summary>
public sealed record TypeReference(string From, string FromNamespace, string To, string ToNamespace);

/// <summary>
/// Every reference between the types of one compiled assembly, read from its metadata and IL with
/// System.Reflection.Metadata. Reading the compiled output rather than the sources is what makes the
/// answer exact: an extension method, a <c>using static</c>, a lambda or an async state machine all end
/// up as tokens in some type's metadata or IL. Nested and compiler-generated types count as the
/// top-level type that declares them.
/// </summary>
public static class TypeReferences
{
    public static IReadOnlyList<TypeReference> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var collector = new Collector(md, pe);
        var edges = new HashSet<TypeReference>();
        foreach (var handle in md.TypeDefinitions)
        {
            var owner = collector.TopLevel(handle);
            var (fromName, fromNs) = collector.Name(owner);
            if (Generated(fromName)) continue;
            foreach (var target in collector.ReferencesOf(handle))
            {
                var top = collector.TopLevel(target);
                if (top == owner) continue;
                var (toName, toNs) = collector.Name(top);
                if (Generated(toName)) continue;
                edges.Add(new TypeReference(fromName, fromNs, toName, toNs));
            }
        }
        return edges.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ToList();
    }

    // <Module>, <PrivateImplementationDetails>, <>z__ReadOnlyArray`1: the compiler's own top-level types,
    // in the global namespace, shared by every type that needs them; no part of the layers.
    private static bool Generated(string name) => name.StartsWith('<');

    private sealed class Collector(MetadataReader md, PEReader pe) : ISignatureTypeProvider<object?, object?>, ICustomAttributeTypeProvider<object?>
    {
        private HashSet<TypeDefinitionHandle> found = [];
        private Dictionary<string, TypeDefinitionHandle>? byName;

        public TypeDefinitionHandle TopLevel(TypeDefinitionHandle handle)
        {
            while (true)
            {
                var declaring = md.GetTypeDefinition(handle).GetDeclaringType();
                if (declaring.IsNil) return handle;
                handle = declaring;
            }
        }

        public (string Name, string Namespace) Name(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            var ns = md.GetString(type.Namespace);
            var name = md.GetString(type.Name);
            return (ns.Length == 0 ? name : ns + "." + name, ns);
        }

        public HashSet<TypeDefinitionHandle> ReferencesOf(TypeDefinitionHandle handle)
        {
            found = [];
            var type = md.GetTypeDefinition(handle);
            Entity(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations()) Entity(md.GetInterfaceImplementation(i).Interface);
            Attributes(type.GetCustomAttributes());
            GenericParameters(type.GetGenericParameters());
            foreach (var f in type.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                field.DecodeSignature(this, null);
                Attributes(field.GetCustomAttributes());
            }
            foreach (var p in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(p);
                property.DecodeSignature(this, null);
                Attributes(property.GetCustomAttributes());
            }
            foreach (var e in type.GetEvents())
            {
                var ev = md.GetEventDefinition(e);
                Entity(ev.Type);
                Attributes(ev.GetCustomAttributes());
            }
            foreach (var m in type.GetMethods()) Method(md.GetMethodDefinition(m));
            return found;
        }

        private void Method(MethodDefinition method)
        {
            method.DecodeSignature(this, null);
            Attributes(method.GetCustomAttributes());
            GenericParameters(method.GetGenericParameters());
            foreach (var p in method.GetParameters()) Attributes(md.GetParameter(p).GetCustomAttributes());
            if (method.RelativeVirtualAddress == 0) return;
            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil) StandAlone(body.LocalSignature);
            foreach (var region in body.ExceptionRegions) Entity(region.CatchType);
            Il(body.GetILReader());
        }

        private void GenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (var g in parameters)
            {
                var parameter = md.GetGenericParameter(g);
                Attributes(parameter.GetCustomAttributes());
                foreach (var c in parameter.GetConstraints()) Entity(md.GetGenericParameterConstraint(c).Type);
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes)
            {
                var attribute = md.GetCustomAttribute(a);
                Entity(attribute.Constructor);
                // typeof(X) in an attribute's arguments is stored as X's name, not as a token.
                try { attribute.DecodeValue(this); }
                catch (BadImageFormatException) { /* an enum argument of another assembly's type: no type of ours in it */ }
                catch (InvalidOperationException) { }
            }
        }

        private void StandAlone(StandaloneSignatureHandle handle)
        {
            var signature = md.GetStandaloneSignature(handle);
            if (signature.GetKind() == StandaloneSignatureKind.LocalVariables) signature.DecodeLocalSignature(this, null);
            else signature.DecodeMethodSignature(this, null);
        }

        /// <summary>Any metadata token an instruction, attribute or signature names.</summary>
        private void Entity(EntityHandle handle)
        {
            if (handle.IsNil) return;
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition: found.Add((TypeDefinitionHandle)handle); break;
                case HandleKind.TypeSpecification: md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null); break;
                case HandleKind.MethodDefinition: found.Add(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()); break;
                case HandleKind.FieldDefinition: found.Add(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()); break;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(spec.Method);
                    spec.DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    Entity(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(this, null);
                    else member.DecodeFieldSignature(this, null);
                    break;
                case HandleKind.StandaloneSignature: StandAlone((StandaloneSignatureHandle)handle); break;
            }
        }

        private void Il(BlobReader il)
        {
            while (il.RemainingBytes > 0)
            {
                var code = (int)il.ReadByte();
                if (code == 0xFE) code = 0xFE00 | il.ReadByte();
                var opcode = (ILOpCode)code;
                switch (OperandOf(opcode))
                {
                    case Operand.None: break;
                    case Operand.Byte: il.Offset += 1; break;
                    case Operand.Short: il.Offset += 2; break;
                    case Operand.Int: il.Offset += 4; break;
                    case Operand.Long: il.Offset += 8; break;
                    case Operand.Token:
                        var token = il.ReadInt32();
                        if (opcode != ILOpCode.Ldstr) Entity(MetadataTokens.EntityHandle(token));
                        break;
                    case Operand.Switch:
                        var targets = il.ReadInt32(); // read first: "Offset += 4 * ReadInt32()" would take the offset before the count
                        il.Offset += 4 * targets;
                        break;
                }
            }
        }

        private enum Operand { None, Byte, Short, Int, Long, Token, Switch }

        // ECMA-335 III: the operand size of every instruction; the ones with a metadata token are read.
        private static Operand OperandOf(ILOpCode op) => op switch
        {
            ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s
                or ILOpCode.Ldc_i4_s or ILOpCode.Unaligned
                or ILOpCode.Br_s or ILOpCode.Brfalse_s or ILOpCode.Brtrue_s or ILOpCode.Beq_s or ILOpCode.Bge_s or ILOpCode.Bgt_s
                or ILOpCode.Ble_s or ILOpCode.Blt_s or ILOpCode.Bne_un_s or ILOpCode.Bge_un_s or ILOpCode.Bgt_un_s
                or ILOpCode.Ble_un_s or ILOpCode.Blt_un_s or ILOpCode.Leave_s => Operand.Byte,
            ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => Operand.Short,
            ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4
                or ILOpCode.Br or ILOpCode.Brfalse or ILOpCode.Brtrue or ILOpCode.Beq or ILOpCode.Bge or ILOpCode.Bgt
                or ILOpCode.Ble or ILOpCode.Blt or ILOpCode.Bne_un or ILOpCode.Bge_un or ILOpCode.Bgt_un
                or ILOpCode.Ble_un or ILOpCode.Blt_un or ILOpCode.Leave => Operand.Int,
            ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => Operand.Long,
            ILOpCode.Jmp or ILOpCode.Call or ILOpCode.Calli or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldftn or ILOpCode.Ldvirtftn
                or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld
                or ILOpCode.Cpobj or ILOpCode.Ldobj or ILOpCode.Stobj or ILOpCode.Castclass or ILOpCode.Isinst or ILOpCode.Unbox
                or ILOpCode.Unbox_any or ILOpCode.Box or ILOpCode.Newarr or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem
                or ILOpCode.Refanyval or ILOpCode.Mkrefany or ILOpCode.Ldtoken or ILOpCode.Initobj or ILOpCode.Constrained
                or ILOpCode.Sizeof or ILOpCode.Ldstr => Operand.Token,
            ILOpCode.Switch => Operand.Switch,
            _ => Operand.None,
        };

        // ISignatureTypeProvider: only the types defined in this assembly matter; the rest decode to nothing.
        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) { found.Add(handle); return null; }
        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;
        public object? GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;
        public object? GetSZArrayType(object? elementType) => null;
        public object? GetArrayType(object? elementType, ArrayShape shape) => null;
        public object? GetByReferenceType(object? elementType) => null;
        public object? GetPointerType(object? elementType) => null;
        public object? GetPinnedType(object? elementType) => null;
        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;
        public object? GetGenericMethodParameter(object? genericContext, int index) => null;
        public object? GetGenericTypeParameter(object? genericContext, int index) => null;
        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;
        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;

        // ICustomAttributeTypeProvider: a typeof argument arrives as a serialized type name.
        public object? GetSystemType() => null;
        public bool IsSystemType(object? type) => false;
        public PrimitiveTypeCode GetUnderlyingEnumType(object? type) => PrimitiveTypeCode.Int32;
        public object? GetTypeFromSerializedName(string name)
        {
            byName ??= md.TypeDefinitions.ToDictionary(h => SerializedName(h), h => h, StringComparer.Ordinal);
            var comma = name.IndexOf(',');
            if (byName.TryGetValue(comma < 0 ? name : name[..comma].Trim(), out var handle)) found.Add(handle);
            return null;
        }

        private string SerializedName(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            var declaring = type.GetDeclaringType();
            return declaring.IsNil ? Name(handle).Name : SerializedName(declaring) + "+" + md.GetString(type.Name);
        }
    }
}
