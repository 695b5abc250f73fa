// Oracle for the go-yaml v2 differential test (test/unit/analysis/goyamlOracle.test.ts).
// Reads a JSON array of YAML texts on stdin and writes a JSON array with, per text:
//   json:  sigs.k8s.io/yaml YAMLToJSON of the text (first document), or
//   jsonErr: its error;
//   docs:  every document as gopkg.in/yaml.v2 decodes it into interface{}, typed
//          ({"t":"int","v":"12"}, float as strconv 'g' text, maps as key/value pairs), or
//   docsErr: the decoder's error.
// One process serves a whole batch. Built offline by build.sh (GOPATH mode, Debian packages).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"

	yaml "gopkg.in/yaml.v2"
	k8syaml "sigs.k8s.io/yaml"
)

type result struct {
	JSON    *string       `json:"json,omitempty"`
	JSONErr *string       `json:"jsonErr,omitempty"`
	Docs    []interface{} `json:"docs"`
	DocsErr *string       `json:"docsErr,omitempty"`
}

type typed struct {
	T string      `json:"t"`
	V interface{} `json:"v,omitempty"`
}

func dump(v interface{}) typed {
	switch x := v.(type) {
	case nil:
		return typed{T: "null"}
	case bool:
		return typed{T: "bool", V: x}
	case int:
		return typed{T: "int", V: strconv.FormatInt(int64(x), 10)}
	case int64:
		return typed{T: "int", V: strconv.FormatInt(x, 10)}
	case uint64:
		return typed{T: "uint", V: strconv.FormatUint(x, 10)}
	case float64:
		return typed{T: "float", V: strconv.FormatFloat(x, 'g', -1, 64)}
	case string:
		return typed{T: "str", V: x}
	case []interface{}:
		out := make([]typed, 0, len(x))
		for _, e := range x {
			out = append(out, dump(e))
		}
		return typed{T: "seq", V: out}
	case map[interface{}]interface{}:
		out := make([][2]typed, 0, len(x))
		for k, e := range x {
			out = append(out, [2]typed{dump(k), dump(e)})
		}
		return typed{T: "map", V: out}
	default:
		return typed{T: "other", V: fmt.Sprintf("%T %v", v, v)}
	}
}

func decodeAll(text string) (docs []interface{}, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader([]byte(text)))
	docs = []interface{}{}
	for {
		var v interface{}
		e := dec.Decode(&v)
		if e == io.EOF {
			return docs, nil
		}
		if e != nil {
			return docs, e
		}
		docs = append(docs, dump(v))
	}
}

func toJSON(text string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return k8syaml.YAMLToJSON([]byte(text))
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var texts []string
	if err := json.Unmarshal(in, &texts); err != nil {
		fmt.Fprintln(os.Stderr, "input must be a JSON array of strings:", err)
		os.Exit(2)
	}
	results := make([]result, 0, len(texts))
	for _, t := range texts {
		var r result
		if j, e := toJSON(t); e != nil {
			s := e.Error()
			r.JSONErr = &s
		} else {
			s := string(j)
			r.JSON = &s
		}
		docs, e := decodeAll(t)
		r.Docs = docs
		if e != nil {
			s := e.Error()
			r.DocsErr = &s
		}
		results = append(results, r)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
